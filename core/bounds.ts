/** The range of temperatures the Newton may visit, K: enthalpy correlations mean nothing outside it. */
export const T_MIN = 100;
export const T_MAX = 6000;

/** The range of temperatures the Newton may visit, K: enthalpy correlations mean nothing outside it. */
export const T_MIN = 100;
export const T_MAX = 6000;
/** The same range in °C, as a file gives temperatures: the bounds of every unit's `T`. */
export const T_MIN_CELSIUS = -173.15;
export const T_MAX_CELSIUS = 5000;

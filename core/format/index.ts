/** The number format and the delimited-text tables shared by the command line and the editor. */
export { DIGITS, formatNumber, formatPercent, formatQuantity, roundSignificant } from './number';
export { escapeCsvFormulae, toCsv, toTsv, type Cell } from './delimited';

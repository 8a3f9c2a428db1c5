/** The number format and the delimited-text tables shared by the command line and the editor. */
export { DIGITS, formatNumber, formatPercent, formatQuantity, plainNumber, roundSignificant } from './number';
export { escapeCsvFormulae, escapeFormula, toCsv, toTsv, type Cell } from './delimited';

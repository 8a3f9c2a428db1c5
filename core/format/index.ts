/** The number format and the delimited-text tables shared by the command line and the editor. */
export { formatNumber, formatPercent, formatQuantity } from './number';
export { escapeCsvFormulae, toCsv, toTsv, type Cell } from './delimited';

/** The number format and the tables (plain text, delimited) shared by the command line and the editor. */
export { formatNumber, formatOrDash, formatPercent, formatQuantity } from './number';
export { escapeCsvFormulae, toCsv, toTsv, type Cell } from './delimited';
export { textTable } from './text-table';

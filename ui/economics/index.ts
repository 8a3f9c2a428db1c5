/** The economics panel, for the editor shell to mount: `<EconomicsPanel doc={doc} results={resultsByMode} />`. */
export { EconomicsPanel, MarginChart, type EconomicsPanelProps } from './EconomicsPanel';
export { chartGeometry, niceTicks, logTicks } from './chart';
export { StudyPanel } from './StudyPanel';

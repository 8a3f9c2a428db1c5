/** The economics panel, for the editor shell to mount: `<EconomicsPanel doc={doc} results={resultsByMode} />`. */
export { EconomicsPanel } from './EconomicsPanel';
export { StudyPanel } from './StudyPanel';

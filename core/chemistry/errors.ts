/**
 * The one error type of the chemistry layer. `message` is complete and meant for a
 * process engineer: it says what is wrong and where in the text. `detail` says how
 * to fix it. `text` and `at` (0-based index into `text`), when known, let an editor
 * underline the spot.
 */
export class ChemistryError extends Error {
  override readonly name = 'ChemistryError';
  readonly detail: string;
  readonly text?: string;
  readonly at?: number;

  constructor(message: string, detail: string, text?: string, at?: number) {
    super(message);
    this.detail = detail;
    if (text !== undefined) this.text = text;
    if (at !== undefined) this.at = at;
  }
}

/** Text in double quotes, with quotes and control characters escaped so a message stays on one line. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/** `(at character 3 of "LiXxO2")`: 1-based, as a person counts. */
export function where(text: string, at: number): string {
  return `(at character ${at + 1} of ${quote(text)})`;
}

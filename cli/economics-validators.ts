/** Writes core/economics/validators.generated.ts: `npx tsx cli/economics-validators.ts`. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { economicsStandaloneValidators } from '../core/economics/validators';

writeFileSync(join(import.meta.dirname, '..', 'core', 'economics', 'validators.generated.ts'), economicsStandaloneValidators());

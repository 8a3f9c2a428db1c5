/** Every command of the `flexsheet` command line: one module each, one line here. */
import type { Command } from '../args';
import { compareCommand } from './compare';
import { reconcileCommand } from './reconcile';
import { reportCommand } from './report';
import { schemaCommand } from './schema';
import { solveCommand } from './solve';
import { unitsCommand } from './units';

export const commands: readonly Command[] = [solveCommand, reportCommand, unitsCommand, schemaCommand, reconcileCommand, compareCommand];

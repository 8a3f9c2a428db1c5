/** Every command of the `flexsheet` command line: one module each, one line here. */
import type { Command } from '../args';
import { campaignCommand } from './campaign';
import { compareCommand } from './compare';
import { economicsCommand } from './economics';
import { reconcileCommand } from './reconcile';
import { reportCommand } from './report';
import { schemaCommand } from './schema';
import { solveCommand } from './solve';
import { studyCommand } from './study';
import { sweepCommand } from './sweep';
import { switchoverCommand } from './switchover';
import { unitsCommand } from './units';

export const commands: readonly Command[] = [solveCommand, sweepCommand, reportCommand, unitsCommand, schemaCommand, reconcileCommand, compareCommand, economicsCommand, switchoverCommand, campaignCommand, studyCommand];

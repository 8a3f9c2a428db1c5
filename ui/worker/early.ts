/**
 * The solver's worker, started as the first thing the page's code does (ui/main.tsx imports this
 * module before any other): its script then loads and compiles while the editor's code is still
 * being evaluated, and it is ready for the first solve as soon as the page asks for it.
 */
import { createWorkerSolver } from './client';

export const solver = createWorkerSolver();
solver.warm();

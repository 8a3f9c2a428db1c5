/**
 * Flexsheet's typed library API: the core bound to the shipped unit operations.
 *
 *   import { solve } from 'flexsheet';
 *   const results = solve(fileText, { mode: 'nmc622' });
 */
import { compileFlowsheet, runFlowsheet, solveFlowsheet, type CompileOptions } from './core';
import { registry } from './unit-ops';

export * from './core';
export { registry } from './unit-ops';

export const solve = (input: unknown, options: CompileOptions = {}) => solveFlowsheet(input, registry, options);
export const run = (input: unknown, options: CompileOptions = {}) => runFlowsheet(input, registry, options);
export const compile = (input: unknown, options: CompileOptions = {}) => compileFlowsheet(input, registry, options);

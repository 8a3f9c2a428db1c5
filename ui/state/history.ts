/**
 * Undo and redo with immer patches: each step keeps the patches that redo it and the inverse
 * patches that undo it, never a copy of the document. Commands with the same coalesce key that
 * follow each other within `coalesceMs` merge into one step (typing in a field).
 */
import { enablePatches, produceWithPatches, type Patch } from 'immer';
import type { FlowsheetDoc } from '../../core';
import type { Command } from './commands';
import { applyPatchesSafe } from './patches';

enablePatches();

interface HistoryStep {
  label: string;
  patches: Patch[];
  inverse: Patch[];
  coalesce?: string;
  time: number;
}

export interface History {
  readonly past: readonly HistoryStep[];
  readonly future: readonly HistoryStep[];
  readonly limit: number;
  readonly coalesceMs: number;
}

const DEFAULT_HISTORY_LIMIT = 500;

export function emptyHistory(limit = DEFAULT_HISTORY_LIMIT, coalesceMs = 1000): History {
  return { past: [], future: [], limit, coalesceMs };
}

export interface Transition {
  doc: FlowsheetDoc;
  history: History;
  /** False when the command changed nothing (no step recorded). */
  changed: boolean;
  label?: string;
}

/** The document after a command, with the patches that redo and undo it. */
function apply(doc: FlowsheetDoc, command: Command): readonly [FlowsheetDoc, Patch[], Patch[]] {
  // A whole new document is one replacement: immer would walk every level of it.
  if (command.replace) return command.replace === doc ? [doc, [], []] : [command.replace, [{ op: 'replace', path: [], value: command.replace }], [{ op: 'replace', path: [], value: doc }]];
  return produceWithPatches(doc, command.run);
}

export function execute(doc: FlowsheetDoc, history: History, command: Command, now = Date.now()): Transition {
  const [next, patches, inverse] = apply(doc, command);
  if (patches.length === 0) return { doc, history, changed: false };
  const top = history.past[history.past.length - 1];
  let past: HistoryStep[];
  if (top && command.coalesce && top.coalesce === command.coalesce && now - top.time <= history.coalesceMs) {
    const merged: HistoryStep = {
      label: top.label,
      patches: [...top.patches, ...patches],
      inverse: [...inverse, ...top.inverse],
      coalesce: top.coalesce,
      time: now,
    };
    past = [...history.past.slice(0, -1), merged];
  } else {
    past = [...history.past, { label: command.label, patches, inverse, coalesce: command.coalesce, time: now }];
    if (past.length > history.limit) past = past.slice(past.length - history.limit);
  }
  return { doc: next, history: { ...history, past, future: [] }, changed: true, label: command.label };
}

/**
 * Applies a command as part of the last step (or, with no step yet, as part of the starting
 * document): for work the editor does on behalf of a step, like laying out a plant it opened.
 */
export function amend(doc: FlowsheetDoc, history: History, command: Command): Transition {
  const [next, patches, inverse] = apply(doc, command);
  if (patches.length === 0) return { doc, history, changed: false };
  const top = history.past[history.past.length - 1];
  if (!top) return { doc: next, history, changed: true };
  const merged: HistoryStep = { ...top, patches: [...top.patches, ...patches], inverse: [...inverse, ...top.inverse], coalesce: undefined };
  return { doc: next, history: { ...history, past: [...history.past.slice(0, -1), merged] }, changed: true };
}

export function undo(doc: FlowsheetDoc, history: History): Transition {
  const step = history.past[history.past.length - 1];
  if (!step) return { doc, history, changed: false };
  return {
    doc: applyPatchesSafe(doc, step.inverse),
    // A step that was undone never merges with the next command.
    history: { ...history, past: history.past.slice(0, -1), future: [{ ...step, coalesce: undefined }, ...history.future] },
    changed: true,
    label: step.label,
  };
}

export function redo(doc: FlowsheetDoc, history: History): Transition {
  const step = history.future[0];
  if (!step) return { doc, history, changed: false };
  return {
    doc: applyPatchesSafe(doc, step.patches),
    history: { ...history, past: [...history.past, step], future: history.future.slice(1) },
    changed: true,
    label: step.label,
  };
}


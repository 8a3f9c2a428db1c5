/** What the view may hold of a document: one of its modes, and a selection of what the plant on screen has. */
import type { FlowsheetDoc } from '../../core';
import { hasOwn } from './own';
import { plantView } from './plant';
import type { EditorState } from './store';

type Selection = EditorState['selection'];

export function validMode(doc: FlowsheetDoc, mode: string | undefined) {
  return mode !== undefined && hasOwn(doc.modes, mode) ? mode : undefined;
}

/** The selection, less what the plant on screen (the mode's) does not have. */
export function pruneSelection(doc: FlowsheetDoc, mode: string | undefined, s: Selection): Selection {
  const plant = plantView(doc, mode);
  const units = s.units.filter((u) => hasOwn(plant.units, u));
  const streams = s.streams.filter((id) => hasOwn(plant.streams, id));
  return units.length === s.units.length && streams.length === s.streams.length ? s : { units, streams };
}

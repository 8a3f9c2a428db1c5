/**
 * Creating, copying, renaming and deleting modes (FORMAT.md "Modes"), and describing them. A mode's
 * name also appears in the economics section (`economics.modes`, the campaign's rotation) and in
 * units' equipment service tags: renaming and deleting keep those in step.
 */
import type { FlowsheetDoc, ModeDecl } from '../../core';
import type { Command } from './commands';
import { renameKey } from './commands';
import { plain } from './doc';
import { deleteEntry, hasOwn, own, setEntry } from './own';

/** Checks a mode name as the user types it. */
export function checkModeName(doc: FlowsheetDoc, name: string, current?: string): string | undefined {
  if (!name.trim()) return 'a mode needs a name';
  if (name !== name.trim()) return 'a mode name cannot start or end with a space';
  if (name === 'base') return '"base" is the plant without a mode';
  if (name !== current && hasOwn(doc.modes, name)) return `mode "${name}" already exists`;
  return undefined;
}

/** A mode name not yet used: "mode 2", "copy of magnet", ... */
export function freshModeName(doc: FlowsheetDoc, stem: string): string {
  if (!hasOwn(doc.modes, stem) && stem !== 'base') return stem;
  for (let i = 2; ; i++) if (!hasOwn(doc.modes, `${stem} ${i}`)) return `${stem} ${i}`;
}

type Economics = { modes?: Record<string, unknown>; campaign?: { modes?: string[] } };
const economicsOf = (doc: FlowsheetDoc): Economics | undefined => (doc.economics && typeof doc.economics === 'object' ? (doc.economics as Economics) : undefined);

/** Creates a mode: empty (the base plant as it is), or a copy of another mode with its economics. */
export function addMode(name: string, copyOf?: string, description?: string): Command {
  return {
    label: copyOf ? `copy mode ${copyOf} to ${name}` : `new mode ${name}`,
    selectMode: () => name,
    run(draft) {
      if (checkModeName(draft, name)) return;
      const from = copyOf !== undefined ? own(draft.modes, copyOf) : undefined;
      const mode: ModeDecl = from ? plain(from) : {};
      if (description !== undefined) mode.description = description;
      else if (!from) mode.description = `${name}: the base plant, to be changed`;
      if (!draft.modes) draft.modes = {};
      setEntry(draft as Record<string, unknown>, 'modes', name, mode);
      const e = economicsOf(draft);
      const fromEconomics = copyOf !== undefined ? own(e?.modes, copyOf) : undefined;
      if (e && fromEconomics) setEntry(e as Record<string, unknown>, 'modes', name, plain(fromEconomics));
    },
  };
}

const renameIn = (list: string[], from: string, to: string) => list.map((x) => (x === from ? to : x));

/** Service tags of every unit (base and mode patches) that name a mode. */
function forEachEquipment(draft: FlowsheetDoc, f: (equipment: { service?: string | string[] }) => void) {
  const visit = (u: unknown) => {
    const e = u && typeof u === 'object' ? (u as { equipment?: unknown }).equipment : undefined;
    if (e && typeof e === 'object') f(e as { service?: string | string[] });
  };
  for (const id of Object.keys(draft.units)) visit(draft.units[id]);
  for (const m of Object.keys(draft.modes ?? {})) for (const id of Object.keys(draft.modes![m].units ?? {})) visit(draft.modes![m].units![id]);
}

export function renameMode(from: string, to: string): Command {
  return {
    label: `rename mode ${from} to ${to}`,
    selectMode: () => to,
    run(draft) {
      if (from === to || !hasOwn(draft.modes, from) || checkModeName(draft, to)) return;
      draft.modes = renameKey(draft.modes!, from, to);
      const e = economicsOf(draft);
      if (e?.modes && hasOwn(e.modes, from)) e.modes = renameKey(e.modes, from, to);
      if (e?.campaign?.modes?.includes(from)) e.campaign.modes = renameIn(e.campaign.modes, from, to);
      forEachEquipment(draft, (eq) => {
        if (eq.service === from) eq.service = to;
        else if (Array.isArray(eq.service) && eq.service.includes(from)) eq.service = renameIn(eq.service, from, to);
      });
    },
  };
}

export function deleteMode(name: string): Command {
  return {
    label: `delete mode ${name}`,
    run(draft) {
      if (!deleteEntry(draft.modes, name)) return;
      if (Object.keys(draft.modes!).length === 0) delete draft.modes;
      const e = economicsOf(draft);
      if (e?.modes) deleteEntry(e.modes, name);
      if (e?.campaign?.modes?.includes(name)) e.campaign.modes = e.campaign.modes.filter((m) => m !== name);
    },
  };
}

export function setModeDescription(name: string, description: string): Command {
  return {
    label: `describe mode ${name}`,
    coalesce: `mode-description:${name}`,
    run(draft) {
      const m = own(draft.modes, name);
      if (!m) return;
      if (description.trim()) m.description = description;
      else delete m.description;
    },
  };
}

/** The nodes and edges of the diagram, derived from the plant, the diagnostics, the results and the pilot data. */
import { useMemo } from 'react';
import type { FlowsheetDoc } from '../../../core';
import type { PilotBadges } from '../../state/pilot';
import type { PlantView } from '../../state/plant';
import { plantSpecs, specsByPlace } from '../../state/specs';
import type { EditorState } from '../../state/store';
import { useDiagnosticMap, useResults } from '../derived';
import { useStreamEdges } from './stream-edges';
import { useOpenPortNotes, useSolveWarnings } from './unit-notes';
import { useUnitNodes } from './unit-nodes';

interface DiagramInputs {
  doc: FlowsheetDoc;
  mode: string | undefined;
  plant: PlantView;
  selection: EditorState['selection'];
  /** Draw the units the mode takes out of service, greyed. */
  ghosts: boolean;
  zoomedOut: boolean;
  badges: PilotBadges;
}

export function useDiagramElements({ doc, mode, plant, selection, ghosts, zoomedOut, badges }: DiagramInputs) {
  const diag = useDiagnosticMap();
  const results = useResults();
  const specs = useMemo(() => specsByPlace(plantSpecs(doc, mode)), [doc, mode]);
  const open = useOpenPortNotes(doc, mode, results);
  const solveWarnings = useSolveWarnings(results);
  const derivedNodes = useUnitNodes({ plant, docUnits: doc.units, ghosts, diag, selectedUnits: selection.units, badges, open, specs, solveWarnings, zoomedOut });
  const streams = useStreamEdges({ plant, mode, selectedStreams: selection.streams, results, diag, zoomedOut, badges, specs });
  return { derivedNodes, ...streams };
}

/** Notes the last solve leaves on units, by unit: its open ports and its warnings. */
import { useMemo } from 'react';
import type { FlowsheetDoc } from '../../../core';
import { formatNumber } from '../../../core/format';
import { openPorts } from '../../state/drains';
import { useServices } from '../context';
import { useDrains, type useResults } from '../derived';

type Results = ReturnType<typeof useResults>;

/** Ports left open while the plant is built, with what the solve did with them, by unit and port. */
export function useOpenPortNotes(doc: FlowsheetDoc, mode: string | undefined, results: Results) {
  const { registry } = useServices();
  const drains = useDrains();
  return useMemo(() => {
    const byUnit = new Map<string, Record<string, string>>();
    for (const p of openPorts(doc, mode, registry)) {
      const d = drains.find((x) => x.unit === p.unit && x.port === p.port);
      const flow = d && results?.streams[d.stream];
      const text = p.direction === 'out' ? `open: to a temporary product${flow ? ` · ${formatNumber(flow.totals.mass)} kg/h` : ''}` : 'open: nothing flows in';
      byUnit.set(p.unit, { ...byUnit.get(p.unit), [p.port]: text });
    }
    return byUnit;
  }, [doc, mode, registry, drains, results]);
}

/** Warnings of the last solve (a splitter's fractions normalised, ...), by unit. */
export function useSolveWarnings(results: Results) {
  return useMemo(() => {
    const byUnit = new Map<string, string[]>();
    for (const w of results?.warnings ?? []) if (w.unit) byUnit.set(w.unit, [...(byUnit.get(w.unit) ?? []), w.message]);
    return byUnit;
  }, [results]);
}

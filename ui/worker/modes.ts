/** Every mode of a plant solved, and its economics analysed, as the worker does for the economics tab. */
import { FlexsheetError, runFlowsheet, type Diagnostic, type FlowsheetResults } from '../../core';
import { analyse, modeNames, solverMode, validateEconomics } from '../../core/economics';
import { registry } from '../../unit-ops';
import type { ModesOutcome, ModesReply, ModesRequest } from '../state/economics';

export function solveModesRequest(request: ModesRequest): ModesReply {
  const t0 = performance.now();
  let outcome: ModesOutcome;
  try {
    const results: Record<string, FlowsheetResults> = {};
    const diagnostics: Diagnostic[] = [];
    for (const name of modeNames(request.doc)) {
      const mode = solverMode(name);
      const r = runFlowsheet(request.doc, registry, mode !== undefined ? { mode } : {});
      if (r.ok) results[name] = r.results;
      else diagnostics.push(...r.diagnostics.map((d) => ({ ...d, message: `in mode "${name}": ${d.message}` })));
    }
    if (diagnostics.length) outcome = { ok: false, diagnostics };
    else {
      const problems = validateEconomics(request.doc);
      if (problems.length) outcome = { ok: true, results, problems };
      else {
        try {
          outcome = { ok: true, results, analysis: analyse(request.doc, results), problems: [] };
        } catch (e) {
          if (!(e instanceof FlexsheetError)) throw e;
          outcome = { ok: true, results, problems: e.diagnostics };
        }
      }
    }
  } catch (e) {
    outcome = { ok: false, diagnostics: [{ path: '(file)', message: `internal error: ${e instanceof Error ? e.message : String(e)}` }] };
  }
  return { id: request.id, outcome, solveMs: performance.now() - t0 };
}

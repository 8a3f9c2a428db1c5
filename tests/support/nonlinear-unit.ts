/**
 * A unit with a genuinely nonlinear equation, for the engine's Newton tests: every species leaves
 * at out = √(a · in), written as the residual r = out² − a·in (linearised at out*: 2·out*·out − a·in
 * = out*²). Its documented relaxation passes the inlet through (out = in).
 */
import { createRegistry, type UnitType } from '../../core';
import { registry as shipped } from '../../unit-ops';

const rootUnit: UnitType<{ a: number }> = {
  type: 'root',
  title: 'Square root (test)',
  description: 'Test unit: every species leaves at √(a · in)',
  params: { a: { kind: 'number', unit: 'kmol/h', required: true, description: 'Scale a of out = √(a·in) (negative: no real root, for the non-convergence test)' } },
  ports: () => [
    { name: 'in', direction: 'in', multiple: true, description: 'Inlet' },
    { name: 'out', direction: 'out', description: 'Outlet' },
  ],
  compile: (params) => ({
    equations() {},
    linearize(eq, state) {
      const out = eq.outlet('out');
      const inlets = eq.inlets('in');
      for (let k = 0; k < eq.nSpecies; k++) {
        const y = state.value(out + k);
        eq.begin(out + k, state.initial ? 0 : y * y);
        eq.term(out + k, state.initial ? 1 : 2 * y);
        for (const b of inlets) eq.term(b + k, state.initial ? -1 : -params.a);
      }
    },
  }),
};

export const registryWithRoot = createRegistry([...shipped.values(), rootUnit]);

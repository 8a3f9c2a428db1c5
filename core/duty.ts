/**
 * Duties and the plant's heat balance from the solved flows and temperatures (FORMAT.md "Energy").
 * Duty = Σ outlets n·h(T_out) − Σ inlets n·h(T_in) − Σ doses n·h(25 °C), in kW (n kmol/h × h kJ/mol
 * = MJ/h; / 3.6), positive when heat must be supplied. The heat balance, with every enthalpy taken
 * from the elements at 25 °C: heat in with the feeds (sensible, above 25 °C) + heat released by the
 * reactions + duties = heat out with the products (sensible).
 */
import type { CompiledFlowsheet } from './compile';
import { energyData, heldTemperature, T_REFERENCE } from './energy';
import { dict } from './records';

export interface HeatBalance {
  /** kW of sensible heat above 25 °C brought by the feeds. */
  feeds: number;
  /** kW released by the reactions (Σ Hf in − Σ Hf out at 25 °C, over the whole plant). */
  reactions: number;
  /** kW supplied by the units' duties (negative: removed). */
  duties: number;
  /** kW of sensible heat above 25 °C carried out by the products. */
  products: number;
}

export interface EnergyResults {
  duties: Record<string, number>;
  heatBalance: HeatBalance;
  /** Species that flow but have no Hf or cp: when present, the energy results are not given. */
  missing: string[];
}

const MJ_PER_H_TO_KW = 1 / 3.6;

export function energyResults(plant: CompiledFlowsheet, x: Float64Array): EnergyResults {
  const e = energyData(plant.species);
  const S = plant.species.list.length;
  const T = (s: number) => x[plant.temperatureOffset + s];
  const flowing = new Set<number>();
  /** Σ n·h(T) of a stream, and the same at 25 °C (its formation enthalpy). */
  const stream = (s: number): [number, number] => {
    let h = 0;
    let hf = 0;
    const base = plant.streams[s].offset;
    for (let k = 0; k < S; k++) {
      const n = x[base + k];
      if (n === 0) continue;
      if (e.missing.has(k)) flowing.add(k);
      h += n * e.h(k, T(s));
      hf += n * e.h(k, T_REFERENCE);
    }
    return [h, hf];
  };
  const duties = dict<number>();
  const balance: HeatBalance = { feeds: 0, reactions: 0, duties: 0, products: 0 };
  let formationIn = 0;
  let formationOut = 0;
  plant.units.forEach((unit, u) => {
    let q = 0;
    for (const s of unit.outlets.values()) q += stream(s)[0];
    for (const s of [...unit.inlets.values()].flat()) q -= stream(s)[0];
    for (const g of unit.model.reagents ?? []) {
      const n = x[unit.internalOffset + g.internal];
      if (n !== 0 && e.missing.has(g.species)) flowing.add(g.species);
      const h = n * e.h(g.species, T_REFERENCE);
      q -= h;
      formationIn += h;
    }
    if (unit.type.role === 'source') {
      for (const s of unit.outlets.values()) {
        const [h, hf] = stream(s);
        balance.feeds += h - hf;
        formationIn += hf;
      }
      return;
    }
    if (unit.type.role === 'sink') {
      for (const s of [...unit.inlets.values()].flat()) {
        const [h, hf] = stream(s);
        balance.products += h - hf;
        formationOut += hf;
      }
      return;
    }
    if (heldTemperature(plant, u, unit.params) !== undefined) {
      duties[unit.id] = q * MJ_PER_H_TO_KW;
      balance.duties += q * MJ_PER_H_TO_KW;
    }
  });
  balance.feeds *= MJ_PER_H_TO_KW;
  balance.products *= MJ_PER_H_TO_KW;
  balance.reactions = (formationIn - formationOut) * MJ_PER_H_TO_KW;
  return { duties, heatBalance: balance, missing: [...flowing].map((k) => plant.species.list[k].id) };
}

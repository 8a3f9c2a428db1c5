import { describe, expect, it } from 'vitest';
import { solubility } from '../core/properties';
import { feedMass, load, productSpecies, solveFile, unitsWithoutNotes, worstImbalance } from './plant-helpers';

const FILE = 'black-mass.json';

/**
 * Black-mass compositions, wt % (REFERENCE-DATA §1.3, derived from EverBatt 2023), and the
 * EverBatt 2023 generic hydro intensities per kg of black mass (§2.1d).
 */
const MODES = {
  nmc111: { Li: 4.55, Co: 12.89, Ni: 12.84, Mn: 12.01, h2so4: 1.6013, naoh: 1.0471, na2co3: 0.3445 },
  nmc622: { Li: 4.36, Co: 7.4, Ni: 22.1, Mn: 6.9, h2so4: 1.5311, naoh: 1.0007, na2co3: 0.3301 },
  nmc811: { Li: 4.16, Co: 3.53, Ni: 28.11, Mn: 3.29, h2so4: 1.4595, naoh: 0.9537, na2co3: 0.315 },
} as const;

/** The impurity feed of every mode, kg/h (bm_feed notes): Li in LiF and Li3PO4 is on top of the CAM's. */
const IMPURITY_LI = (5 * 6.94) / 25.939 + (3 * 3 * 6.94) / 115.79; // kg/h
/** H2SO4 the impurities take, kmol/h (leach equations, conversions of bm_feed/leach): Cu, Al, Fe, LiF, Li3PO4, CaO, MgO, ZnO. */
const IMPURITY_ACID =
  (0.95 * 20) / 63.546 + (0.95 * 1.5 * 15) / 26.982 + (0.95 * 5) / 55.845 + (0.95 * 0.5 * 5) / 25.939 + (0.98 * 1.5 * 3) / 115.79 + 0.99 * (2 / 56.077 + 1.5 / 40.304 + 1.5 / 81.38);

const FRESH_WATER = ['leach_water', 'residue_wash_water', 'purify_wash_water', 'mn_strip_water', 'co_strip_water', 'ni_wash_water', 'soda_water', 'li_wash_water'];

describe('black-mass.json', () => {
  it('gives every unit a notes field with its sources', () => {
    expect(unitsWithoutNotes(load(FILE))).toEqual([]);
  });

  it('declares no O/A anywhere: every extraction takes its phase ratio from the flows (review B4)', () => {
    const units = load(FILE).units as Record<string, { type: string; oa?: number }>;
    expect(Object.entries(units).filter(([, u]) => u.type === 'sx' && u.oa !== undefined)).toEqual([]);
  });

  it('puts Mn ahead of Co in Cyanex 272 (review B9) and Mn ahead of Co in D2EHPA', () => {
    const u = load(FILE).units;
    expect(u.sx_co.extract.Mn.D).toBeGreaterThan(u.sx_co.extract.Co.D);
    expect(u.sx_mn.extract.Mn.D).toBeGreaterThan(u.sx_mn.extract.Co.D);
  });

  for (const [mode, c] of Object.entries(MODES)) {
    describe(`mode ${mode}`, () => {
      const r = solveFile(FILE, mode);
      const bm = feedMass(r, 'bm_feed'); // kg/h
      const warnings = (r.warnings ?? []).map((w) => (typeof w === 'string' ? w : `${w.path}: ${w.message}`));
      const total = (sp: string) => Object.values(r.reagents).reduce((a, d) => a + (d[sp] ?? 0), 0);

      it('solves and closes every element to 1e-9 relative', () => {
        expect(worstImbalance(r)).toBeLessThan(1e-9);
      });

      it('solves without a warning: no undersaturated crystalliser, no O/A or wash ratio contradicted, no energy failure', () => {
        expect(warnings).toEqual([]);
        expect(r.duties).toBeDefined();
      });

      it('reaches the grades its products are named for (their specifications: battery-grade Li2CO3, battery-grade CoSO4·7H2O)', () => {
        expect(Object.keys(r.specifications ?? {}).sort()).toEqual(['coso4', 'li2co3']);
        for (const [product, s] of Object.entries(r.specifications!)) expect([product, s.checks.filter((c) => !c.met)]).toEqual([product, []]);
        // Li2CO3 ≥ 99.5 % dry (battery grade, chemistry review B7); CoSO4·7H2O ≥ 20.5 % Co (review B8).
        expect(r.specifications!.li2co3.checks.find((c) => c.of === 'Li2CO3(s)')!.limit).toBe(0.995);
        expect(r.specifications!.coso4.checks.find((c) => c.of === 'Co')!.limit).toBe(0.205);
      });

      it('feeds 1 t/h with the EverBatt 2023 CAM (REFERENCE-DATA §1.3) and the impurities of bm_feed', () => {
        expect(bm).toBeCloseTo(1000, 6);
        const el = (e: string) => r.elements[e].in / 1000;
        expect(Math.abs(el('Li') - c.Li / 100 - IMPURITY_LI / 1000)).toBeLessThan(1e-4);
        expect(Math.abs(el('Co') - c.Co / 100)).toBeLessThan(1e-4);
        expect(Math.abs(el('Ni') - c.Ni / 100)).toBeLessThan(1e-4);
        expect(Math.abs(el('Mn') - c.Mn / 100)).toBeLessThan(1e-4);
        // Cu 2.0 % and Al 1.5 %: inside the 1-5 % of industrial black mass (REFERENCE-DATA §1.3 [R])
        for (const e of ['Cu', 'Al']) expect(el(e)).toBeGreaterThanOrEqual(0.01);
        for (const e of ['Fe', 'F', 'P', 'Ca', 'Mg', 'Zn']) expect(el(e)).toBeGreaterThan(0);
      });

      it('carries the impurities to products and effluents: F and P to the hydroxide cake, Zn and Ca to the Mn liquor', () => {
        expect(r.recovery.hydroxide_cake.F).toBeGreaterThan(0.85);
        // P: the extractants carry P too, so compare with the black mass's P (3 kg/h Li3PO4 × 30.974/115.79)
        expect(r.recovery.hydroxide_cake.P * r.elements.P.in).toBeGreaterThan(0.9 * ((3 * 30.974) / 115.79));
        expect(r.recovery.hydroxide_cake.Fe).toBeGreaterThan(0.9);
        expect(r.recovery.mn_liquor.Zn).toBeGreaterThan(0.9);
        expect(r.recovery.mn_liquor.Ca).toBeGreaterThan(0.9);
      });

      it('recovers ≥ 90 % of the Li as Li2CO3 (EverBatt 2019 Table 12; EU 2023/1542 2031 asks 80 %)', () => {
        expect(r.recovery.li2co3.Li).toBeGreaterThanOrEqual(0.9);
      });

      it('recovers ≥ 95 % of Co to CoSO4·7H2O and of Ni to Ni(OH)2 (EU Battery Regulation 2023/1542, 2031 target)', () => {
        expect(r.recovery.coso4.Co).toBeGreaterThanOrEqual(0.95);
        expect(r.recovery.ni_hydroxide.Ni).toBeGreaterThanOrEqual(0.95);
      });

      it('recovers ≥ 90 % of the graphite (EverBatt 2019 Table 12: graphite 90 %)', () => {
        const fed = r.streams.bm.massFlow['Graphite(s)'];
        expect(productSpecies(r, 'graphite', 'Graphite(s)') / fed).toBeGreaterThanOrEqual(0.9);
      });

      it('makes battery-grade Li2CO3: ≥ 99.5 % Li2CO3, Na ≤ 0.025 %, SO4 ≤ 0.08 % on a dry basis (review B7; YS/T 582 limits [R])', () => {
        const g = r.grade.li2co3;
        const water = g.species['H2O(l)'] ?? 0;
        const dry = (f: number) => f / (1 - water);
        expect(dry(g.species['Li2CO3(s)'])).toBeGreaterThanOrEqual(0.995);
        expect(dry(g.elements.Na ?? 0)).toBeLessThanOrEqual(0.00025);
        expect(dry((g.elements.S ?? 0) * (96.06 / 32.06))).toBeLessThanOrEqual(0.0008);
        // no 66 %-moisture cake (review B7): the precipitator's cake is 80 % solids
        const cake = r.streams.li2co3_cake.totals;
        expect(r.streams.li2co3_cake.solidsFraction).toBeCloseTo(0.8, 6);
        expect(cake.mass).toBeGreaterThan(0);
      });

      it('makes CoSO4·7H2O at ≥ 20.5 % Co (review B8; SMM battery-grade reference), crystallised by solubility at 35 °C', () => {
        expect(r.grade.coso4.elements.Co).toBeGreaterThanOrEqual(0.205);
        expect(r.grade.coso4.elements.Mn ?? 0).toBeLessThan(0.0005);
        // the mother liquor is at the table's solubility at 35 °C, never above it
        const ml = r.streams.co_mother_liquor.massFlow;
        expect((100 * ml['CoSO4(aq)']) / ml['H2O(l)']).toBeCloseTo(solubility('CoSO4', 35)!.s, 6);
      });

      it('holds the Co strip liquor at 120 g/L Co (spec co_strip_cobalt, review B8)', () => {
        const s = r.streams.co_strip_liquor;
        const co = (s.massFlow['CoSO4(aq)'] * 58.933) / 154.996;
        // rounded molar masses here: 1e-4 relative
        expect(Math.abs(co / s.volumeFlow!.aq / 120 - 1)).toBeLessThan(1e-4);
      });

      it('keeps the liquors possible: Na2SO4 in the Li2CO3 filtrate and Li2SO4 in the evaporator below their solubility', () => {
        const f = r.streams.li_filtrate.massFlow;
        expect((100 * f['Na2SO4(aq)']) / f['H2O(l)']).toBeLessThan(solubility('Na2SO4', 95)!.s);
        const e = r.streams.li_concentrate.massFlow;
        expect((100 * e['Li2SO4(aq)']) / e['H2O(l)']).toBeLessThan(solubility('Li2SO4', 100)!.s);
      });

      it('dilutes the leach vent with air (N2 included) to keep H2 below 25 % of its LFL: 1 mol % (LFL 4 vol % in air)', () => {
        const g = r.streams.vent_gas.molarFlow;
        const all = Object.values(g).reduce((a, b) => a + b, 0);
        expect(g['N2(g)']).toBeGreaterThan(0);
        expect(g['H2(g)'] / all).toBeLessThan(0.01);
        expect(g['H2(g)'] / all).toBeGreaterThan(0.005);
      });

      it('doses saponification NaOH, strip H2SO4, and makes Na2SO4 in the raffinates (review B1, B2)', () => {
        expect(r.reagents.d2ehpa_sapon['NaOH(aq)']).toBeGreaterThan(0);
        expect(r.reagents.cyanex_sapon['NaOH(aq)']).toBeGreaterThan(0);
        expect(r.streams.mn_strip_water.massFlow['H2SO4(aq)']).toBeGreaterThan(0);
        expect(r.streams.co_strip_acid.massFlow['H2SO4(aq)']).toBeGreaterThan(0);
        expect(r.streams.mn_raffinate.massFlow['Na2SO4(aq)']).toBeGreaterThan(r.streams.purified.massFlow['Na2SO4(aq)']);
        expect(r.streams.co_raffinate.massFlow['Na2SO4(aq)']).toBeGreaterThan(r.streams.co_feed.massFlow['Na2SO4(aq)']);
        expect(r.streams.mn_strip_liquor.pH).toBeCloseTo(2.0, 6);
      });

      it('uses H2SO4 (leach + strips) within the EverBatt 2023 allowance plus the acid of the industrial impurities EverBatt does not carry', () => {
        // EverBatt (§2.1d) allows ½ mol per Li + 2 per TM on an impurity-free black mass; ours also
        // dissolves Cu, Al, Fe, LiF, Li3PO4 and the oxides (IMPURITY_ACID kmol/h, hand sum above).
        const acid = (r.reagents.leach['H2SO4(aq)'] + r.streams.mn_strip_water.massFlow['H2SO4(aq)'] + r.streams.co_strip_acid.massFlow['H2SO4(aq)']) / bm;
        const tm = c.Co / 59 + c.Ni / 59 + c.Mn / 55;
        const floor = ((c.Li / 14) * 98 + tm * 98) / 100;
        expect(acid).toBeGreaterThan(floor);
        // EverBatt's formulas carry no terminal acidity either: the free acid the leach (PLS) and the Mn
        // strip (pH 2.0 spec) leave is added, as measured in those streams.
        const free = (r.streams.pls.massFlow['H2SO4(aq)'] + r.streams.mn_strip_liquor.massFlow['H2SO4(aq)']) / bm;
        expect(acid).toBeLessThan(c.h2so4 + (IMPURITY_ACID * 98.079) / 1000 + free);
      });

      it('uses Na2CO3 within 15 % of the stoichiometric EverBatt 2023 figure (½ mol per Li, §2.1d): the 10 % excess is net of the recycled carbonate', () => {
        const na2co3 = total('Na2CO3(aq)') / bm;
        expect(Math.abs(na2co3 / c.na2co3 - 1)).toBeLessThan(0.15);
      });

      it('keeps fresh water within 2 × EverBatt 2023 (2 gal/kg = 7.6 kg/kg, REFERENCE-DATA §2.1c)', () => {
        const water = FRESH_WATER.reduce((a, f) => a + (r.streams[f].massFlow['H2O(l)'] ?? 0), 0) / bm;
        expect(water).toBeLessThan(2 * 7.6);
      });

      it('gives every unit that changes phase or reacts a duty, and li_evap one that matches its latent heat', () => {
        const evaporated = r.streams.evap_vapour.massFlow['H2O(g)'];
        // Latent heat 2,256.4 kJ/kg at 100 °C (steam tables) is the floor: the feed enters below 100 °C.
        expect(r.duties!.li_evap).toBeGreaterThan((evaporated * 2256.4) / 3600);
        for (const u of ['leach', 'purify', 'co_cryst', 'li_evap', 'li_precip', 'dryer']) expect(r.duties![u]).toBeDefined();
      });
    });
  }

  it('NMC111: total NaOH ≥ 0.78 t per t of black mass (review §5-1; EverBatt 2023 gives 1.047 t/t, REFERENCE-DATA §2.1d)', () => {
    const r = solveFile(FILE, 'nmc111');
    const naoh = Object.values(r.reagents).reduce((a, d) => a + (d['NaOH(aq)'] ?? 0), 0) / 1000;
    expect(naoh).toBeGreaterThanOrEqual(0.78);
    expect(naoh).toBeLessThan(MODES.nmc111.naoh);
  });

  it('recoveries differ between the chemistries (the Li and Ni losses follow the liquor volumes and cake loads)', () => {
    const li = Object.keys(MODES).map((m) => solveFile(FILE, m).recovery.li2co3.Li);
    expect(new Set(li.map((x) => x.toFixed(4))).size).toBe(3);
  });
});

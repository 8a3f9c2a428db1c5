import { describe, expect, it } from 'vitest';
import { ATOMIC_WEIGHTS, isElement } from './elements';

// Symbols in order of atomic number, 1..118 (IUPAC periodic table).
const SYMBOLS_BY_Z = (
  'H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr ' +
  'Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu ' +
  'Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr ' +
  'Rf Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og'
).split(' ');

describe('ATOMIC_WEIGHTS', () => {
  it('has exactly the 118 elements H..Og', () => {
    expect(SYMBOLS_BY_Z).toHaveLength(118);
    expect(Object.keys(ATOMIC_WEIGHTS).sort()).toEqual([...SYMBOLS_BY_Z].sort());
  });

  it('holds the IUPAC 2021 values quoted in the brief', () => {
    // Standard atomic weights 2021 (CIAAW); conventional values for interval elements.
    const quoted: Record<string, number> = {
      H: 1.008, C: 12.011, O: 15.999, Li: 6.94, Co: 58.933194, Ni: 58.6934, Mn: 54.938043,
      Nd: 144.242, Pr: 140.90766, Dy: 162.5, Fe: 55.845, S: 32.06, Na: 22.98976928, Cl: 35.45,
      B: 10.81, Cu: 63.546, Al: 26.9815384, P: 30.973761998, F: 18.998403162,
    };
    for (const [symbol, weight] of Object.entries(quoted)) expect(ATOMIC_WEIGHTS[symbol], symbol).toBe(weight);
  });

  it('uses the longest-lived isotope mass number where there is no standard weight', () => {
    expect(ATOMIC_WEIGHTS.Tc).toBe(97);
    expect(ATOMIC_WEIGHTS.Pm).toBe(145);
    expect(ATOMIC_WEIGHTS.Og).toBe(294);
  });

  it('increases with Z except at the known inversions Ar/K, Co/Ni, Te/I, Th/Pa, U/Np and a few superheavies', () => {
    // Known standard-weight inversions; the superheavy mass numbers are not monotonic either.
    const inversions = new Set(['K', 'Ni', 'I', 'Pa', 'Np', 'Am', 'Bk', 'Hs', 'Mc', 'Og']);
    for (let z = 1; z < SYMBOLS_BY_Z.length; z++) {
      const symbol = SYMBOLS_BY_Z[z]!;
      if (inversions.has(symbol)) continue;
      expect(ATOMIC_WEIGHTS[symbol]!, symbol).toBeGreaterThan(ATOMIC_WEIGHTS[SYMBOLS_BY_Z[z - 1]!]!);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(ATOMIC_WEIGHTS)).toBe(true);
  });
});

describe('isElement', () => {
  it('accepts exact symbols only', () => {
    for (const s of SYMBOLS_BY_Z) expect(isElement(s), s).toBe(true);
    for (const s of ['CO', 'co', 'Xx', 'D', 'T', '', 'constructor', 'toString', '__proto__', 'Uue']) {
      expect(isElement(s), s).toBe(false);
    }
  });
});

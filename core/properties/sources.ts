/**
 * Every number in the built-in tables names one of these keys. `verified` says whether the
 * numbers were read in a copy of the source while the table was built ([V] in REFERENCE-DATA)
 * or recalled from it and not checked here ([R]). Estimates state their method.
 */
import type { Source } from './types';

const CRC = 'CRC Handbook of Chemistry and Physics (97th ed., Haynes, 2016)';
const TABLES_COPY = 'read in the machine-readable copy of the table in the CalebBell/chemicals repository';

export const SOURCES: Readonly<Record<string, Source>> = Object.freeze({
  'CRC-DENS': {
    ref: `${CRC}, "Physical Constants of Inorganic Compounds": density at 20-25 °C; ${TABLES_COPY} (chemicals/Density/CRC Solid Inorganic Constant Densities.tsv)`,
    flag: 'handbook',
    verified: true,
  },
  'CRC-THERMO': {
    ref: `${CRC}, "Standard Thermodynamic Properties of Chemical Substances" (ΔfH°, Cp° at 298.15 K); ${TABLES_COPY} (chemicals/Heat Capacity/CRC Standard Thermodynamic Properties of Chemical Substances.tsv)`,
    flag: 'handbook',
    verified: true,
  },
  'CRC-AQ': {
    ref: `${CRC}, "Thermodynamic Properties of Aqueous Ions" (ΔfH°, Cp° at infinite dilution, 298.15 K, from the NBS tables, Wagman et al. 1982); ${TABLES_COPY} (chemicals/Electrolytes/CRC Thermodynamic Properties of Aqueous Ions.tsv). A dissolved salt is the sum of its ions (the NBS "ai" standard state)`,
    flag: 'handbook',
    verified: true,
  },
  NBS82: {
    ref: 'Wagman D.D. et al., The NBS tables of chemical thermodynamic properties, J. Phys. Chem. Ref. Data 11, Suppl. 2 (1982)',
    flag: 'handbook',
    verified: false,
  },
  CODATA: {
    ref: 'Cox J.D., Wagman D.D., Medvedev V.A., CODATA Key Values for Thermodynamics, Hemisphere (1989): H2O(l) −285.830, H2O(g) −241.826, OH⁻(aq) −230.015 kJ/mol',
    flag: 'handbook',
    verified: false,
  },
  'NIST-SHOMATE': {
    ref: `NIST Chemistry WebBook, SRD 69 (Shomate coefficients from Chase, NIST-JANAF Thermochemical Tables, 4th ed., J. Phys. Chem. Ref. Data Monograph 9, 1998); ${TABLES_COPY} (chemicals/Heat Capacity/webbook_shomate_coefficients.json)`,
    flag: 'handbook',
    verified: true,
  },
  'NIST-SHOMATE-R': {
    ref: 'NIST Chemistry WebBook, SRD 69, Shomate coefficients (Chase 1998), recalled; each set is checked in the tests against Cp°(298.15 K) of CRC-THERMO',
    flag: 'handbook',
    verified: false,
  },
  'NIST-DODECANE': {
    ref: 'NIST Chemistry WebBook, SRD 69, n-dodecane: ΔfH°liquid −350.9 kJ/mol, Cp,liquid 375.8 J/(mol·K) at 298 K',
    flag: 'handbook',
    verified: false,
  },
  KELL75: {
    ref: 'Kell G.S., J. Chem. Eng. Data 20 (1975) 97: density of air-free water at 25 °C, 997.05 kg/m³ (the value FORMAT.md names)',
    flag: 'handbook',
    verified: true,
  },
  ROBIE95: {
    ref: 'Robie R.A., Hemingway B.S., Thermodynamic properties of minerals and related substances at 298.15 K, USGS Bulletin 2131 (1995): gibbsite Al(OH)3',
    flag: 'handbook',
    verified: false,
  },
  LALIBERTE09: {
    ref: `Laliberté M., J. Chem. Eng. Data 54 (2009) 1725 (and Laliberté & Cooper, J. Chem. Eng. Data 49 (2004) 1141): apparent specific volume v = (w + c2 + c3·t)/((c0·w + c1)·exp(1e-6·(t + c4)²)), here at w → 0 (infinite dilution) and t = 25 °C, times the molar mass; coefficients ${TABLES_COPY} (chemicals/Electrolytes/Laliberte2009.tsv)`,
    flag: 'handbook',
    verified: true,
  },
  'SIGMA-D2EHPA': {
    ref: 'Sigma-Aldrich product 237825, bis(2-ethylhexyl) phosphate (D2EHPA), density 0.965 g/mL at 25 °C',
    flag: 'handbook',
    verified: false,
  },
  'CYTEC-C272': {
    ref: 'Cytec (Solvay) CYANEX 272 extractant, technical data sheet: bis(2,4,4-trimethylpentyl)phosphinic acid, specific gravity 0.92 at 24 °C',
    flag: 'handbook',
    verified: false,
  },
  'CYTEC-IL101': {
    ref: 'Cytec (Solvay) CYPHOS IL 101, trihexyl(tetradecyl)phosphonium chloride, data sheet: density 0.88 g/mL at 25 °C',
    flag: 'handbook',
    verified: false,
  },
  'EXXSOL-D80': {
    ref: 'ExxonMobil Exxsol D80 dearomatised aliphatic fluid (a common SX kerosene diluent), data sheet: density 0.80 g/mL at 15 °C',
    flag: 'handbook',
    verified: false,
  },
  REFDATA: {
    ref: '/work/shared/REFERENCE-DATA.md §2.2 (Li2CO3 solubility [V], wikimili "Lithium carbonate" from standard data), g per 100 mL, taken as g per 100 g water (dilute)',
    flag: 'handbook',
    verified: true,
  },
  'SM-COSO4': {
    ref: 'sciencemadness wiki / Wikipedia "Cobalt(II) sulfate" infobox: 36.2 g/100 mL (20 °C), 38.3 g/100 mL (25 °C); hydrate transition heptahydrate → hexahydrate at 41.5 °C (Merck Index, quoted in chemistry-review §1.2 B5 and chemicalbook)',
    flag: 'handbook',
    verified: true,
  },
  'REVIEW-NA2SO4': {
    ref: 'chemistry-review.md §1.2 B6 [V]: Na2SO4 42.7 g/100 mL at 100 °C; solubility peak near 50 g/100 g at the decahydrate → thenardite transition, 32.4 °C',
    flag: 'handbook',
    verified: true,
  },
  'PERRY-SOL': {
    ref: "Perry's Chemical Engineers' Handbook, 8th ed. (2008), Table 2-122, Solubilities of inorganic compounds in water at various temperatures (g anhydrous substance per 100 g water, with the solid phase)",
    flag: 'handbook',
    verified: false,
  },
  'EST-HYDRATE': {
    ref: 'Estimate from the anhydrous salt',
    flag: 'estimate',
    method:
      'each water of crystallisation adds −298 kJ/mol to ΔfH° and 40 J/(mol·K) to Cp°: the mean over the NBS pairs CuSO4/·5H2O (−301.7, 36), MgSO4/·7H2O (−300.5, 39), ZnSO4/·7H2O (−299.3, 40), FeSO4/·7H2O (−298.0, 42), CoSO4/·7H2O (−298.8), CaSO4/·2H2O (−294.1, 43), Na2SO4/·10H2O (−294.0)',
    verified: false,
  },
  'EST-NK': {
    ref: 'Estimate by Neumann–Kopp additivity',
    flag: 'estimate',
    method:
      'Cp° of a compound = the sum of its component oxides (and 40 J/(mol·K) per H2O of a hydroxide, which reproduces Mg(OH)2 77.2 vs 77.0 and Ca(OH)2 82 vs 87.5 of CRC); Kopp atomic values (C 7.5, H 9.6, O 16.7, other 26 J/(mol·K)) where no oxide applies',
    verified: false,
  },
  'EST-XRAY': {
    ref: 'Estimate: X-ray density',
    flag: 'estimate',
    method: 'ρ = Z·M/(N_A·V_cell) from the lattice parameters given in the entry note',
    verified: false,
  },
  'EST-ION-CP': {
    ref: 'Estimate: aqueous ion heat capacity by analogy',
    flag: 'estimate',
    method:
      'the ion has no Cp° in CRC-AQ; it takes the mean Cp° of the tabulated ions of the same charge and kind there (2+: Mn²⁺ 50, Zn²⁺ 46 → 48; 3+: the lanthanides La…Lu → 6; CO3²⁻ as SO4²⁻ −293; HCO3⁻ as HSO4⁻ −84)',
    verified: true,
  },
  'EST-ION-V': {
    ref: 'Estimate: ionic apparent molar volume at infinite dilution derived from LALIBERTE09',
    flag: 'estimate',
    method:
      'V(H⁺) = 0 by convention; V(Cl⁻) = V(HCl); a cation from its chloride, V(M) = V(MCln) − n·V(Cl⁻); an anion from its sodium salt. Agrees with Millero (Chem. Rev. 71 (1971) 147) within about 4 cm³/mol for Na⁺, Cl⁻, Co²⁺, Mg²⁺, Ca²⁺, Al³⁺, HSO4⁻',
    verified: true,
  },
  'EST-NEUTRAL-V': {
    ref: 'Estimate: partial molar volume of a neutral dissolved molecule',
    flag: 'estimate',
    method: 'taken as the molar volume M/ρ of the pure solid (CRC-DENS density), the usual first approximation for non-electrolytes',
    verified: true,
  },
  'EST-AQ-NEUTRAL': {
    ref: 'Estimate for a dissolved molecule with no tabulated Cp° or ΔfH°',
    flag: 'estimate',
    method: 'see the entry note (the pure substance or the ion it is closest to)',
    verified: false,
  },
  'EST-LIMO2': {
    ref: 'Estimate for layered LiMO2 cathode materials',
    flag: 'estimate',
    method:
      'ΔfH° = Σ oxides (Li2O, NiO, CoO, MnO2 of CRC-THERMO, extra O as O2) + the formation enthalpy from those oxides of LiCoO2, −142.5 kJ/mol per LiMO2 (Wang & Navrotsky, J. Phys. Chem. B 108 (2004) 16567, recalled); Cp° by Neumann–Kopp over the same oxides',
    verified: false,
  },
  'EST-REOH': {
    ref: 'Estimate for rare-earth hydroxides from La(OH)3',
    flag: 'estimate',
    method:
      'ΔfH°(RE(OH)3) = ½ΔfH°(RE2O3) + 1.5 ΔfH°(H2O,l) − 84 kJ/mol, the hydration enthalpy of ½La2O3 to La(OH)3 (NBS82: La(OH)3 −1410.0, La2O3 −1793.7)',
    verified: false,
  },
  'EST-PRECIP': {
    ref: 'Estimate for precipitates with no tabulated ΔfH°',
    flag: 'estimate',
    method: 'ΔfH° = the sum of its aqueous ions (CRC-AQ) and waters of crystallisation (liquid), i.e. the enthalpy of precipitation taken as 0 (oxalates: a few tens of kJ/mol at most)',
    verified: false,
  },
  'EST-EXTRACTANT': {
    ref: 'Estimate for extractants and diluents without published ΔfH°/Cp°',
    flag: 'estimate',
    method:
      'Cp = 2.0 J/(g·K) × M (aliphatic organic liquids, e.g. n-dodecane 2.21, TBP ≈ 1.7); ΔfH° by group increments from tributyl phosphate (−1456 kJ/mol, liquid): butyl → H on a phosphate O +50.6 (butanol vs dibutyl ether), −25.9 per added CH2; a P–O–C → P–C link +180 (trimethyl phosphate vs dimethyl methylphosphonate). Uncertain to ±150 kJ/mol; it cancels in every reaction that conserves the extractant',
    verified: false,
  },
  'EST-EXCHANGE': {
    ref: 'Estimate for metal-loaded and sodium-loaded cation-exchange extractants',
    flag: 'estimate',
    method:
      'thermoneutral exchange: ΔfH°(M·A_n, org) = ΔfH°(Mⁿ⁺, aq) + n·ΔfH°(HA, org) − n·ΔfH°(H⁺, aq), so M²⁺ + 2 HA → MA2 + 2 H⁺ has ΔH = 0 and saponification HA + NaOH → NaA + H2O the −55.8 kJ/mol of neutralisation; Cp = n·Cp(HA); molar volume = n·M(HA)/ρ(HA) (the loaded complex occupies the volume of the extractant it binds)',
    verified: false,
  },
  'EST-LEGACY-ORG': {
    ref: 'Estimate for neutral salts written as organic species (MnSO4(org), CoCl2(org): the shipped plants before exchange extraction)',
    flag: 'estimate',
    method: 'ΔfH°, Cp° and molar volume of the same salt dissolved in water (transfer enthalpy and volume change neglected)',
    verified: false,
  },
  'EST-ANALOGUE': {
    ref: 'Estimate by analogy with a related compound',
    flag: 'estimate',
    method: 'see the entry note',
    verified: false,
  },
  'CRC-DENS-R': {
    ref: `${CRC}, "Physical Constants of Inorganic Compounds": density, recalled and not checked here (issue 13: Nb2O5 4.60 g/cm³ for the NdFeB plant; FePO4 3.056 g/cm³ for the black-mass plant)`,
    flag: 'handbook',
    verified: false,
  },
  'NOT-FOUND': {
    ref: 'No published value found for this species; 0 is used and the entry says so',
    flag: 'not-found',
    verified: false,
  },
});

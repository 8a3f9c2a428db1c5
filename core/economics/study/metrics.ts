/**
 * The results a study can report, each named by a path (docs/studies.md "Metrics"):
 *
 *   modes.MODE.margin | revenue | reagents | feeds | utilities | disposal | fixed   per operating hour
 *   modes.MODE.marginPerTonne                                                      per tonne of feed
 *   modes.MODE.…                                      any number of the mode's economics (margin.ts)
 *   results.MODE.…            any number of the solved results (recovery.coso4.Co, grade.coso4.elements.Co,
 *                             duties.li_evap, streams.s1.massFlow["H2O(l)"], specs.ID.value)
 *   energy.MODE.UNIT          the unit's duty, kW (energy balance or estimate)
 *   capital.fixedCapital | installed | purchased       the plant built for the study's modes
 *   fixed.perYear                                      fixed operating costs a year
 *   campaign.margin | cycle                            annual margin and cycle of the campaign optimum
 *   investment.npv | irr | payback | ebitda            of that plant at its campaign optimum
 *   switchover.FROM.TO.total | direct | downtime
 *
 * Every part is computed once per sample and only when a metric asks for it.
 */
import type { FlowsheetDoc } from '../../document';
import { getAt, type Segment } from '../../params';
import type { FlowsheetResults } from '../../results';
import { campaignModel } from '../analysis';
import { capitalEstimate, type CapitalEstimate } from '../capital';
import { optimise, type CampaignPlan } from '../campaign';
import type { Incompatibility } from '../compatibility';
import { fixedCosts, type FixedCosts } from '../fixed-costs';
import { appraise, investmentInputs } from '../investment';
import { economicsOf, modeEconomics, type ModeEconomics } from '../margin';
import { own, table } from '../own';
import { switchoverMatrix, type SwitchoverMatrix, type SwitchoverPlan } from '../switchover';

const PER_HOUR = new Set(['margin', 'revenue', 'reagents', 'feeds', 'utilities', 'disposal', 'fixed']);

/** Parts shared by every sample of a worker when no parameter re-solves the plant. */
export interface SharedParts {
  capital?: CapitalEstimate;
  compatibility?: ReadonlyMap<string, readonly Incompatibility[]>;
  /** Switchover plans (their structure does not depend on prices). */
  plans?: Map<string, SwitchoverPlan>;
}

/** One sample's outputs, computed lazily from its document and results. */
export class Outputs {
  private econ = new Map<string, ModeEconomics>();
  private cap?: CapitalEstimate;
  private fix?: FixedCosts;
  private mat?: SwitchoverMatrix;
  private opt?: CampaignPlan;
  private fin?: ReturnType<typeof appraise>;

  constructor(
    private readonly doc: FlowsheetDoc,
    private readonly results: Readonly<Record<string, FlowsheetResults>>,
    private readonly modes: readonly string[],
    private readonly shared: SharedParts = {},
  ) {}

  economics(mode: string): ModeEconomics {
    let e = this.econ.get(mode);
    if (!e) this.econ.set(mode, (e = modeEconomics(this.doc, mode, own(this.results, mode)!)));
    return e;
  }

  capital(): CapitalEstimate {
    return (this.cap ??= this.shared.capital ?? capitalEstimate(this.doc, this.results, { modes: this.modes }));
  }

  fixed(): FixedCosts {
    return (this.fix ??= fixedCosts(this.doc, this.capital()));
  }

  matrix(): SwitchoverMatrix {
    const economics = table(this.modes.map((m) => [m, this.economics(m)] as const));
    const { compatibility, plans } = this.shared;
    return (this.mat ??= switchoverMatrix(this.doc, { results: this.results, economics, lean: true, ...(compatibility ? { compatibility } : {}), ...(plans ? { plans } : {}) }, this.modes));
  }

  plan(): CampaignPlan {
    if (!this.opt) {
      const economics = table(this.modes.map((m) => [m, this.economics(m)] as const));
      const policy = economicsOf(this.doc).switchover?.compatibility ?? 'refuse';
      const m = this.matrix();
      const refused = new Set(policy === 'refuse' ? m.detail.flat().flatMap((s) => s.incompatible.map((p) => p.mode)) : []);
      this.opt = optimise(campaignModel(this.doc, economics, m, this.fixed().perYear, refused));
    }
    return this.opt;
  }

  /** The number at a metric path, or NaN; `undefined` when the path names nothing (a study error). */
  value(path: readonly Segment[]): number | undefined {
    const v = this.lookup(path);
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }

  private lookup(path: readonly Segment[]): unknown {
    const [head, a, ...rest] = path;
    const mode = typeof a === 'string' && this.modes.includes(a) ? a : undefined;
    switch (head) {
      case 'modes':
        if (!mode) return undefined;
        if (rest.length === 1 && typeof rest[0] === 'string' && PER_HOUR.has(rest[0])) return this.economics(mode).perHour[rest[0] as 'margin'];
        if (rest.length === 1 && rest[0] === 'marginPerTonne') return this.economics(mode).perTonneFeed.margin;
        return getAt(this.economics(mode), rest);
      case 'results':
        return mode ? getAt(own(this.results, mode), rest) : undefined;
      case 'energy': {
        if (!mode || rest.length !== 1) return undefined;
        const lines = this.economics(mode).utilities.flatMap((u) => u.duties ?? []);
        return lines.filter((l) => l.unit === rest[0]).reduce((s, l) => s + l.duty, 0);
      }
      case 'capital':
        return getAt(this.capital(), path.slice(1));
      case 'fixed':
        return getAt(this.fixed(), path.slice(1));
      case 'campaign':
        if (a === 'margin') return this.plan().annual.margin;
        return getAt(this.plan(), path.slice(1));
      case 'investment': {
        const f = (this.fin ??= appraise(investmentInputs(this.doc), this.capital().fixedCapital, this.plan().annual.margin));
        return getAt({ ...f, ebitda: this.plan().annual.margin }, path.slice(1)) ?? (a === 'irr' || a === 'payback' ? NaN : undefined);
      }
      case 'switchover': {
        const m = this.matrix();
        const [to, field] = rest;
        const i = m.modes.indexOf(String(a));
        const j = m.modes.indexOf(String(to));
        if (i < 0 || j < 0) return undefined;
        return getAt(m.detail[i][j], [String(field)]);
      }
      default:
        return undefined;
    }
  }
}

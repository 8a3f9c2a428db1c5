/**
 * Capital and investment in the economics panel: the installed cost of every unit (the shared
 * plant, each item built for the largest duty over its modes), the totals against dedicated
 * plants, the fixed operating costs, and NPV and IRR per campaign plan (core/economics capital.ts,
 * fixed-costs.ts, investment.ts).
 */
import type { EconomicsAnalysis, InvestmentAnalysis, SharingComparison } from '../../core/economics';
import './study.css';

const m = (x: number) => (Number.isFinite(x) ? `${(x / 1e6).toFixed(2)} M` : '–');
const pct = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(1)} %`);

export function CapitalSection({ a, capital, investment }: { a: EconomicsAnalysis; capital: SharingComparison; investment: InvestmentAnalysis }) {
  const c = capital.shared;
  const dedicated = Object.entries(capital.dedicated);
  return (
    <section data-testid="economics-capital">
      <h3>
        Capital ({a.currency}, CEPCI {c.cepci}; Turton correlations) and investment
      </h3>
      <table className="study-table" data-testid="capital-units">
        <thead>
          <tr>
            <th>unit</th>
            <th>items</th>
            <th>sized by</th>
            <th>purchased</th>
            <th>installed</th>
          </tr>
        </thead>
        <tbody>
          {c.units.map((u) => (
            <tr key={`${u.unit}${u.duplicate ? ' 2' : ''}`}>
              <td>{u.unit + (u.duplicate ? ' (2nd unit)' : '')}</td>
              <td>{u.items.map((i) => `${i.item}${i.count > 1 ? ` × ${i.count}` : ''}`).join('; ')}</td>
              <td>{[...new Set(u.items.map((i) => i.sizedBy))].join(', ')}</td>
              <td>{m(u.purchased)}</td>
              <td>{m(u.installed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Installed {m(c.installed)}, fixed capital {m(c.fixedCapital)}
        {dedicated.length > 1 && <> against {dedicated.map(([mode, d]) => `${m(d.fixedCapital)} (${mode})`).join(' + ')} for dedicated plants: sharing saves {m(capital.saving)}</>}. Fixed operating costs {m(a.fixed.perYear)}/yr.
      </p>
      <table className="study-table" data-testid="investment-plans">
        <thead>
          <tr>
            <th>plant built for</th>
            <th>campaign</th>
            <th>fixed capital</th>
            <th>EBITDA/yr</th>
            <th>NPV</th>
            <th>IRR</th>
            <th>payback</th>
          </tr>
        </thead>
        <tbody>
          {investment.plans.map((p) => (
            <tr key={p.modes.join('+')} className={p === investment.best ? 'selected' : undefined}>
              <td>{p.modes.join(' + ')}</td>
              <td>{p.plan.rotation.length > 1 ? `${p.plan.rotation.join(' → ')}, ${Math.round(p.plan.cycle)} h` : p.plan.rotation.join('')}</td>
              <td>{m(p.capital.fixedCapital)}</td>
              <td>{m(p.ebitda)}</td>
              <td>{m(p.npv)}</td>
              <td>{pct(p.irr)}</td>
              <td>{p.payback === undefined ? 'never' : `${p.payback.toFixed(1)} yr`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

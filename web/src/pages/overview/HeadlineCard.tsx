import type { Headline, Settings } from "../../api/types";
import { Figure } from "../../components/Figure";
import { CATEGORY_COLORS, formatInteger, formatMoney, formatPercent } from "../../format";

const GROUPS = [
  { key: "promoters", label: "Promoters" },
  { key: "passives", label: "Passives" },
  { key: "detractors", label: "Detractors" },
] as const;

/** Promoters, passives and detractors as one bar: the NPS is the green share minus the red one. */
function Composition({ figure }: { figure: Headline["nps"] }) {
  const total = figure.promoters + figure.passives + figure.detractors;
  if (total <= 0) return null;
  return (
    <div className="composition">
      <div className="composition-bar" aria-hidden="true">
        {GROUPS.map((group) => (
          <span
            key={group.key}
            style={{ width: `${(figure[group.key] / total) * 100}%`, background: CATEGORY_COLORS[group.key] }}
          />
        ))}
      </div>
      <ul className="composition-legend">
        {GROUPS.map((group) => (
          <li key={group.key}>
            <span className="legend-swatch" style={{ background: CATEGORY_COLORS[group.key] }} />
            {group.label} <strong>{formatPercent(figure[group.key] / total)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The program's NPS with its band and how much of the program it speaks for (response rate, coverage). */
export function HeadlineCard({ headline, settings }: { headline: Headline; settings: Settings | null }) {
  const { coverage } = headline;
  return (
    <section className="card headline-card" aria-labelledby="headline-title">
      <h2 id="headline-title" className="card-title">
        Program NPS
      </h2>
      <Figure
        figure={headline.nps}
        bands={headline.bands}
        band={headline.band}
        label="Net Promoter Score"
        smallSampleThreshold={settings?.smallSampleThreshold}
      />
      {headline.band ? <p className="band-advice">{headline.band.advice}</p> : null}
      <Composition figure={headline.nps} />
      <dl className="stat-list">
        <div className="stat">
          <dt>Response rate</dt>
          <dd>
            {formatPercent(coverage.response_rate)}
            <span className="stat-detail">
              {formatInteger(coverage.responded)} of {formatInteger(coverage.delivered)} delivered
            </span>
          </dd>
        </div>
        <div className="stat">
          <dt>Partner coverage</dt>
          <dd>
            {formatPercent(coverage.partner_coverage)}
            <span className="stat-detail">
              {formatInteger(coverage.partners_responded)} of {formatInteger(coverage.partners_invited)}{" "}
              partners
            </span>
          </dd>
        </div>
        <div className="stat">
          <dt>Revenue coverage</dt>
          <dd>
            {formatPercent(coverage.revenue_coverage)}
            <span className="stat-detail">
              {formatMoney(coverage.revenue_responded)} of {formatMoney(coverage.revenue_invited)}
            </span>
          </dd>
        </div>
      </dl>
    </section>
  );
}

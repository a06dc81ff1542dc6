import type { Coverage } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { formatDate, formatInteger, formatMoney, formatPercent, humanize } from "../../format";
import { Link } from "../../routing";

const RECENT_WAVES = 4;

/**
 * Who the score speaks for: strategic partners invited but silent (listed so they never vanish from
 * view) and the response rate of the latest waves (low rates warn of non-response bias).
 */
export function SilentPartners({ coverage }: { coverage: Coverage }) {
  const partners = coverage.silent_strategic_partners;
  const waves = coverage.waves.slice(-RECENT_WAVES).reverse();
  return (
    <section className="card heard-card" aria-labelledby="silent-title">
      <div className="card-header">
        <div>
          <h2 id="silent-title" className="card-title">
            Silent strategic partners
          </h2>
          <p className="card-description">
            Invited in this period, no answer yet: their view is missing from the score.
          </p>
        </div>
        <span className={`badge ${partners.length ? "badge-warning" : "badge-success"}`}>
          {partners.length ? `${partners.length} silent` : "None silent"}
        </span>
      </div>
      {partners.length === 0 ? (
        <p className="muted">Every strategic partner invited in this selection answered.</p>
      ) : (
        <DataTable
          caption="Silent strategic partners"
          captionHidden
          dense
          rows={partners}
          rowKey={(p) => p.partner_id}
          initialSort={{ key: "revenue", direction: "descending" }}
          columns={[
            {
              key: "name",
              header: "Partner",
              cell: (p) => <Link to={`/partners/${encodeURIComponent(p.partner_id)}`}>{p.name}</Link>,
              sortValue: (p) => p.name,
            },
            {
              key: "tier",
              header: "Tier",
              cell: (p) => humanize(p.tier),
              sortValue: (p) => p.tier,
              priority: "low",
            },
            {
              key: "revenue",
              header: "Revenue",
              align: "right",
              cell: (p) => formatMoney(p.annual_revenue),
              sortValue: (p) => p.annual_revenue,
            },
            {
              key: "last",
              header: "Last answer",
              align: "right",
              cell: (p) => formatDate(p.last_response_at),
              sortValue: (p) => p.last_response_at,
            },
          ]}
        />
      )}
      <h3 className="section-title">Response rate, latest waves</h3>
      <DataTable
        caption="Response rate of the latest waves"
        captionHidden
        dense
        rows={waves}
        rowKey={(w) => w.wave_id}
        empty="No wave has been sent in this selection."
        columns={[
          {
            key: "wave",
            header: "Wave",
            cell: (w) => <Link to={`/waves/${encodeURIComponent(w.wave_id)}`}>{w.name}</Link>,
          },
          {
            key: "answered",
            header: "Answered",
            align: "right",
            cell: (w) => `${formatInteger(w.responded)} of ${formatInteger(w.delivered)}`,
            priority: "low",
          },
          {
            key: "rate",
            header: "Response rate",
            align: "right",
            cell: (w) => (
              <span className="rate-cell">
                <span className="rate-bar" aria-hidden="true">
                  <span style={{ width: `${Math.round((w.response_rate ?? 0) * 100)}%` }} />
                </span>
                {formatPercent(w.response_rate)}
              </span>
            ),
          },
          {
            key: "partners",
            header: "Partners",
            align: "right",
            cell: (w) => formatPercent(w.partner_coverage),
          },
        ]}
      />
    </section>
  );
}

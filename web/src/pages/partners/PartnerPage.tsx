import { useSettings } from "../../api/settings";
import type { Scorecard } from "../../api/types";
import { useApi } from "../../api/useApi";
import { DataTable } from "../../components/DataTable";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Figure } from "../../components/Figure";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { TrendChart } from "../../components/TrendChart";
import { formatDate, formatInteger, formatMoney, formatPercent, humanize } from "../../format";
import { Link } from "../../routing";
import { PartnerCases } from "../cases/PartnerCases";
import { FollowUpCard } from "../overview/FollowUpCard";
import { ContactsByRole } from "./ContactsByRole";
import { LatestComments } from "./LatestComments";

/** A partner's scorecard for business reviews: figure, trend, contacts, comments, response rates and cases. */
export default function PartnerPage({ id }: { id: string }) {
  const scorecard = useApi<Scorecard>(`/partners/${encodeURIComponent(id)}/scorecard`);
  const settings = useSettings();
  const bands = settings?.bands ?? [];

  if (scorecard.error) {
    return (
      <>
        <Link to="/partners" className="back-link no-print">
          ← Partners
        </Link>
        <ErrorState
          error={scorecard.error}
          onRetry={scorecard.reload}
          title="This partner could not be loaded"
        />
      </>
    );
  }
  if (!scorecard.data) return <Loading />;
  const { partner, nps, band, trend, contacts, comments, responseRates, cases, roleWeights } = scorecard.data;
  const weights = Object.entries(roleWeights)
    .filter(([role]) => role !== "default")
    .map(([role, weight]) => `${humanize(role)} ×${weight}`)
    .join(", ");

  return (
    <div className="scorecard">
      <Link to="/partners" className="back-link no-print">
        ← Partners
      </Link>
      <PageHeader
        eyebrow="Partner scorecard"
        title={partner.name}
        description={[humanize(partner.tier), humanize(partner.type), partner.region, partner.country]
          .filter((v) => v && v !== "Not set")
          .join(" · ")}
        actions={
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            Print scorecard
          </button>
        }
      />
      <div className="grid grid-main-side">
        <section className="card" aria-labelledby="partner-nps-title">
          <h2 id="partner-nps-title" className="card-title">
            Partner NPS
          </h2>
          <Figure
            figure={nps}
            bands={bands}
            band={band}
            label="All answers, role-weighted"
            smallSampleThreshold={settings?.smallSampleThreshold}
          />
          {weights ? (
            <p className="card-footer">
              Role weights: {weights}; other roles ×{roleWeights.default ?? 1}.
            </p>
          ) : null}
        </section>
        <section className="card" aria-labelledby="partner-facts-title">
          <h2 id="partner-facts-title" className="card-title">
            Account
          </h2>
          <dl className="definition-grid">
            <dt>Owner</dt>
            <dd>{partner.owner?.name ?? "Unassigned"}</dd>
            <dt>Annual revenue</dt>
            <dd>{formatMoney(partner.annualRevenue)}</dd>
            <dt>Renewal</dt>
            <dd>{formatDate(partner.renewalDate)}</dd>
            <dt>Strategic</dt>
            <dd>{partner.strategic ? "Yes" : "No"}</dd>
            <dt>Open cases</dt>
            <dd>{cases.length}</dd>
          </dl>
        </section>
      </div>
      {trend.length ? (
        <TrendChart
          title="NPS by quarter"
          description="Each quarter's role-weighted NPS with its interval; with few answers per quarter the band is wide."
          points={trend}
          bands={bands}
          height={260}
        />
      ) : (
        <section className="card">
          <EmptyState title="No answers yet">This partner has not answered a survey.</EmptyState>
        </section>
      )}
      <FollowUpCard partnerId={partner.partnerId} />
      <div className="grid grid-main-side align-start">
        <ContactsByRole groups={contacts} />
        <div className="grid">
          <section className="card" aria-labelledby="partner-rates-title">
            <h2 id="partner-rates-title" className="card-title">
              Response rate in recent waves
            </h2>
            <DataTable
              caption="Response rate in recent waves"
              captionHidden
              dense
              rows={responseRates}
              rowKey={(w) => w.waveId}
              empty="Not invited to any wave yet."
              columns={[
                { key: "wave", header: "Wave", cell: (w) => w.name },
                {
                  key: "answered",
                  header: "Answered",
                  align: "right",
                  cell: (w) => `${formatInteger(w.responded)} of ${formatInteger(w.delivered)}`,
                },
                { key: "rate", header: "Rate", align: "right", cell: (w) => formatPercent(w.responseRate) },
              ]}
            />
          </section>
          <PartnerCases partnerId={partner.partnerId} />
        </div>
      </div>
      <LatestComments comments={comments} />
    </div>
  );
}

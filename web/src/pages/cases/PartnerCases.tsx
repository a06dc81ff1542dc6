import type { CaseList } from "../../api/types";
import { useApi } from "../../api/useApi";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { humanize } from "../../format";
import { Link } from "../../routing";
import { DueText } from "./CaseCard";
import { isOpen, STATUS_LABELS, STATUS_TONES } from "./case-model";

// A scorecard shows recent history; the board has the rest.
const LIMIT = 20;

/** One partner's follow-up cases, open ones first, each a link to its case page. */
export function PartnerCases({ partnerId }: { partnerId: string }) {
  const cases = useApi<CaseList>("/cases", { partner: partnerId, limit: LIMIT });
  const items = [...(cases.data?.items ?? [])].sort(
    (a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)) || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <section className="card" aria-labelledby="partner-cases-title">
      <div className="card-header">
        <h2 id="partner-cases-title" className="card-title">
          Follow-up cases
        </h2>
        <Link to={`/cases?partner=${encodeURIComponent(partnerId)}`} className="no-print">
          On the board
        </Link>
      </div>
      {cases.error ? (
        <ErrorState error={cases.error} onRetry={cases.reload} title="Cases could not be loaded" />
      ) : !cases.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">No follow-up case for this partner.</p>
      ) : (
        <>
          <ul className="plain-list partner-cases">
            {items.map((c) => (
              <li key={c.id} data-case-id={c.id}>
                <div className="goal-head">
                  <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.reason ?? humanize(c.rule)}</Link>
                  <span className={`badge ${STATUS_TONES[c.status]}`}>{STATUS_LABELS[c.status]}</span>
                </div>
                <div className="muted">
                  {c.ownerName ?? "Unassigned"} · due <DueText item={c} />
                </div>
              </li>
            ))}
          </ul>
          {cases.data.total > items.length ? (
            <p className="card-footer">
              {items.length} of {cases.data.total} shown.{" "}
              <Link to={`/cases?partner=${encodeURIComponent(partnerId)}&view=list`}>See all</Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

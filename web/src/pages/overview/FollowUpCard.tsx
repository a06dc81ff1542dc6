import type { CaseMetrics } from "../../api/types";
import { useApi } from "../../api/useApi";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { Link } from "../../routing";
import { FollowUpStats } from "../cases/FollowUpStats";

interface FollowUpCardProps {
  /** One partner's cases (its scorecard); the whole program in scope otherwise. */
  partnerId?: string;
  from?: string;
  to?: string;
  /** Shown when the page has filters the follow-up figures cannot apply (tier, region…). */
  note?: string;
}

/** Closing the loop at a glance: how fast detractors are contacted, what is open or overdue, who came back. */
export function FollowUpCard({ partnerId, from, to, note }: FollowUpCardProps) {
  const metrics = useApi<CaseMetrics>("/cases/metrics", { partner: partnerId, from, to });
  const board = partnerId ? `/cases?partner=${encodeURIComponent(partnerId)}` : "/cases";
  return (
    <section className="card follow-up-card" aria-labelledby="follow-up-title">
      <div className="card-header">
        <div>
          <h2 id="follow-up-title" className="card-title">
            Follow-up
          </h2>
          <p className="card-description">
            {from || to
              ? "Cases opened in the selected period; recovery counts answers in it."
              : partnerId
                ? "Every follow-up case of this partner so far."
                : "Every follow-up case so far."}{" "}
            SLA share counts only cases contacted or past their deadline.
          </p>
        </div>
        <div className="card-actions">
          <Link to={board} className="button button-secondary button-small">
            Cases board
          </Link>
        </div>
      </div>
      {metrics.error ? (
        <ErrorState
          error={metrics.error}
          onRetry={metrics.reload}
          title="Follow-up figures could not be loaded"
        />
      ) : metrics.data ? (
        <FollowUpStats metrics={metrics.data} partnerId={partnerId} />
      ) : (
        <Loading />
      )}
      {note ? <p className="card-footer">{note}</p> : null}
    </section>
  );
}

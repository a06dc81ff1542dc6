import type { CaseMetrics } from "../../api/types";
import { formatInteger, formatPercent } from "../../format";
import { Link } from "../../routing";
import { formatHours } from "./case-model";

/** Where the cases board opens for a follow-up figure, kept to one partner when the figures are one partner's. */
function boardLink(query: Record<string, string>, partnerId?: string): string {
  const params = new URLSearchParams(query);
  if (partnerId) params.set("partner", partnerId);
  return `/cases?${params.toString()}`;
}

/** The closed-loop figures: SLA share, time to first contact, open and overdue cases, recovery with its n. */
export function FollowUpStats({ metrics, partnerId }: { metrics: CaseMetrics; partnerId?: string }) {
  return (
    <dl className="stat-list follow-up-stats">
      <div className="stat" data-stat="sla">
        <dt>Contacted within SLA</dt>
        <dd>
          {formatPercent(metrics.contactedWithinSlaShare)}
          <span className="stat-detail">
            {metrics.slaDecided === 0
              ? "No case has reached its deadline or a contact yet"
              : `${formatInteger(metrics.contactedWithinSla)} of ${formatInteger(metrics.slaDecided)} cases with a known outcome`}
          </span>
        </dd>
      </div>
      <div className="stat" data-stat="median">
        <dt>Median time to first contact</dt>
        <dd>
          {formatHours(metrics.medianHoursToFirstContact)}
          <span className="stat-detail">From opening to the first logged contact</span>
        </dd>
      </div>
      <div className="stat" data-stat="open">
        <dt>Open cases</dt>
        <dd>
          <Link
            to={boardLink({ status: "new,in_progress,contacted" }, partnerId)}
            className="stat-link"
            aria-label={`${formatInteger(metrics.open)} open cases: show them`}
          >
            {formatInteger(metrics.open)}
          </Link>
          <span className="stat-detail">New, in progress or contacted</span>
        </dd>
      </div>
      <div className="stat" data-stat="overdue">
        <dt>Overdue</dt>
        <dd>
          <Link
            to={boardLink({ overdue: "true" }, partnerId)}
            className={`stat-link${metrics.overdue > 0 ? " is-overdue" : ""}`}
            aria-label={`${formatInteger(metrics.overdue)} overdue cases: show them`}
          >
            {formatInteger(metrics.overdue)}
          </Link>
          <span className="stat-detail">Past the SLA with no contact</span>
        </dd>
      </div>
      <div className="stat" data-stat="recovery">
        <dt>Recovery rate</dt>
        <dd>
          {formatPercent(metrics.recoveryRate)}
          <span className="stat-detail">
            n = {formatInteger(metrics.recoveryEligible)}{" "}
            {metrics.recoveryEligible === 1 ? "partner" : "partners"}
            {metrics.recoveryEligible > 0
              ? `; ${formatInteger(metrics.recovered)} answered 7–10 after a closed detractor case`
              : " with a new answer after a closed detractor case"}
          </span>
        </dd>
      </div>
    </dl>
  );
}

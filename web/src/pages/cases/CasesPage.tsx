import type { CaseList, CaseMetrics, UserSummary } from "../../api/types";
import { useApi } from "../../api/useApi";
import { EmptyState } from "../../components/EmptyState";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { formatInteger } from "../../format";
import { navigate, useLocation } from "../../routing";
import { useSession } from "../../session";
import { CaseBoard, CaseTable } from "./CaseBoard";
import { CaseFilterBar, type FilterChange } from "./CaseFilterBar";
import { canReassign, readCaseFilters, statusesOf } from "./case-model";
import { FollowUpStats } from "./FollowUpStats";
import { useResponses } from "./useResponses";

// The API's largest page: a board is read whole, soonest due first.
const BOARD_LIMIT = 500;

/** The follow-up cases board (or list): one column per status, filters in the URL, metrics on top. */
export default function CasesPage() {
  const location = useLocation();
  const filters = readCaseFilters(location.search);
  const session = useSession();
  const ownerId = filters.owner === "mine" ? session?.user.userId : filters.owner;

  const cases = useApi<CaseList>("/cases", {
    status: filters.status,
    owner: ownerId,
    overdue: filters.overdue ? "true" : undefined,
    partner: filters.partner,
    limit: BOARD_LIMIT,
  });
  const metrics = useApi<CaseMetrics>("/cases/metrics", { partner: filters.partner });
  const users = useApi<{ items: UserSummary[] }>(canReassign(session) ? "/users" : null);
  const items = cases.data?.items ?? [];
  const responses = useResponses(items.flatMap((item) => item.responseIds));

  const setParams = (change: FilterChange) => {
    const next = new URLSearchParams(location.search);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    const text = next.toString();
    navigate(`/cases${text ? `?${text}` : ""}`, { replace: true });
  };

  const partners = new Map<string, string>();
  const ownerNames = new Map<string, string>();
  for (const item of items) {
    partners.set(item.partnerId, item.partnerName);
    if (item.ownerUserId && item.ownerName) ownerNames.set(item.ownerUserId, item.ownerName);
  }
  if (filters.partner && !partners.has(filters.partner)) partners.set(filters.partner, "Selected partner");
  const partnerOptions = [...partners]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const partnerName = filters.partner ? partners.get(filters.partner) : undefined;

  const total = cases.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title="Follow-up cases"
        description="Every detractor and flagged answer opens a case: contact the partner within the SLA, record what you learned and what was done."
        actions={
          // biome-ignore lint/a11y/useSemanticElements: a toggle pair of buttons, not a form field set
          <div className="view-toggle" role="group" aria-label="View">
            {(["board", "list"] as const).map((view) => (
              <button
                key={view}
                type="button"
                className="button button-ghost button-small"
                aria-pressed={filters.view === view}
                onClick={() => setParams({ view: view === "board" ? undefined : view })}
              >
                {view === "board" ? "Board" : "List"}
              </button>
            ))}
          </div>
        }
      />
      <section className="card case-metrics" aria-labelledby="case-metrics-title">
        <h2 id="case-metrics-title" className="card-title">
          {partnerName && filters.partner ? `Follow-up for ${partnerName}` : "Follow-up at a glance"}
        </h2>
        {metrics.error ? (
          <ErrorState
            error={metrics.error}
            onRetry={metrics.reload}
            title="Follow-up figures could not be loaded"
          />
        ) : metrics.data ? (
          <FollowUpStats metrics={metrics.data} partnerId={filters.partner} />
        ) : (
          <Loading />
        )}
      </section>
      <CaseFilterBar
        filters={filters}
        onChange={setParams}
        partners={partnerOptions}
        users={users.data?.items ?? null}
        usersError={users.error}
        ownerNames={ownerNames}
      />
      {responses.error ? (
        <p className="alert alert-error" role="alert">
          Scores could not be loaded:{" "}
          {responses.error instanceof Error ? responses.error.message : "unknown error"}
        </p>
      ) : null}
      {cases.error ? (
        <ErrorState error={cases.error} onRetry={cases.reload} title="Cases could not be loaded" />
      ) : !cases.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyState title="No follow-up case matches these filters">
          Cases open when an answer matches a rule (a detractor score, a passive at a key partner, a drop).
        </EmptyState>
      ) : (
        <>
          <p className="case-summary" aria-live="polite">
            {total > items.length
              ? `Showing the ${formatInteger(items.length)} soonest due of ${formatInteger(total)} cases; narrow the filters to see the rest.`
              : `${formatInteger(total)} ${total === 1 ? "case" : "cases"}, soonest due first.`}
            {cases.loading ? " Updating…" : ""}
          </p>
          {filters.view === "list" ? (
            <CaseTable items={items} responses={responses.byId} />
          ) : (
            <CaseBoard
              items={items}
              statuses={statusesOf(filters.status)}
              responses={responses.byId}
              listHref={(status) => {
                const next = new URLSearchParams(location.search);
                next.set("status", status);
                next.set("view", "list");
                return `/cases?${next.toString()}`;
              }}
            />
          )}
        </>
      )}
    </>
  );
}

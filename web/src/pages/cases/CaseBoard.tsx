import type { CaseStatus, CaseView, ResponseRecord } from "../../api/types";
import { type Column, DataTable } from "../../components/DataTable";
import { humanize } from "../../format";
import { Link } from "../../routing";
import { CaseCard, CaseScores, DueText } from "./CaseCard";
import { STATUS_LABELS, STATUS_TONES } from "./case-model";

interface ViewProps {
  items: CaseView[];
  statuses: CaseStatus[];
  responses: Map<string, ResponseRecord>;
}

/** Finished columns show the latest few; the full history is one link away in the list view. */
const FINISHED_SHOWN = 6;
const FINISHED: ReadonlySet<CaseStatus> = new Set(["resolved", "closed_without_action"]);

function latestFirst(a: CaseView, b: CaseView): number {
  return (b.resolvedAt ?? b.updatedAt).localeCompare(a.resolvedAt ?? a.updatedAt);
}

/**
 * One column per status in lifecycle order. The board scrolls sideways inside its own container on narrow
 * screens, so the page itself never does; it is focusable so keyboard users can scroll it too.
 */
export function CaseBoard({
  items,
  statuses,
  responses,
  listHref,
}: ViewProps & { listHref: (status: CaseStatus) => string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="case-board" aria-label="Cases by status" tabIndex={0}>
      {statuses.map((status) => {
        const column = items.filter((item) => item.status === status);
        const finished = FINISHED.has(status);
        const shown = finished ? [...column].sort(latestFirst).slice(0, FINISHED_SHOWN) : column;
        const headingId = `case-column-${status}`;
        return (
          <section key={status} className="case-column" data-status={status} aria-labelledby={headingId}>
            <h2 id={headingId} className="case-column-title">
              {STATUS_LABELS[status]}
              <span className="case-column-count">
                <span className="visually-hidden">: </span>
                {column.length}
                <span className="visually-hidden"> {column.length === 1 ? "case" : "cases"}</span>
              </span>
            </h2>
            {column.length === 0 ? (
              <p className="case-column-empty">No cases</p>
            ) : (
              <ul className="case-cards">
                {shown.map((item) => (
                  <CaseCard key={item.id} item={item} responses={responses} />
                ))}
              </ul>
            )}
            {shown.length < column.length ? (
              <p className="case-column-more">
                Latest {shown.length} shown.{" "}
                <Link to={listHref(status)}>
                  All {column.length} {STATUS_LABELS[status].toLowerCase()}
                </Link>
              </p>
            ) : null}
          </section>
        );
      })}
    </section>
  );
}

const STATUS_ORDER: Record<CaseStatus, number> = {
  new: 0,
  in_progress: 1,
  contacted: 2,
  resolved: 3,
  closed_without_action: 4,
};

/** The same cases as a sortable table. */
export function CaseTable({ items, responses }: Omit<ViewProps, "statuses">) {
  const columns: Column<CaseView>[] = [
    {
      key: "partner",
      header: "Partner",
      sortValue: (c) => c.partnerName,
      cell: (c) => (
        <span className="cell-stack">
          <Link to={`/cases/${encodeURIComponent(c.id)}`} className="strong-link">
            {c.partnerName}
          </Link>
          <span className="cell-sub">{c.reason ?? humanize(c.rule)}</span>
        </span>
      ),
    },
    {
      key: "status",
      header: "Status",
      sortValue: (c) => STATUS_ORDER[c.status],
      cell: (c) => <span className={`badge ${STATUS_TONES[c.status]}`}>{STATUS_LABELS[c.status]}</span>,
    },
    {
      key: "scores",
      header: "Score",
      cell: (c) => <CaseScores item={c} responses={responses} />,
      priority: "low",
    },
    {
      key: "owner",
      header: "Owner",
      sortValue: (c) => c.ownerName,
      cell: (c) => c.ownerName ?? <span className="muted">Unassigned</span>,
      priority: "low",
    },
    {
      key: "due",
      header: "Due",
      sortValue: (c) => c.dueAt,
      cell: (c) => <DueText item={c} />,
    },
  ];
  return (
    <section className="card card-flush">
      <DataTable
        caption="Follow-up cases"
        captionHidden
        columns={columns}
        rows={items}
        rowKey={(c) => c.id}
        initialSort={{ key: "due", direction: "ascending" }}
        rowClassName={(c) => (c.overdue ? "row-overdue" : undefined)}
        empty="No case matches these filters."
      />
    </section>
  );
}

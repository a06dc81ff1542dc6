import { type FormEvent, useId, useState } from "react";
import { ApiError } from "../../api/client";
import type { CaseDetail, UserSummary } from "../../api/types";
import { useApi } from "../../api/useApi";
import { humanize } from "../../format";
import { Link } from "../../routing";
import { useSession } from "../../session";
import { canReassign, canWorkCases, formatDateTime, STATUS_LABELS, STATUS_TONES } from "./case-model";
import { useCaseWrite, WriteFeedback } from "./useCaseWrite";

interface Props {
  detail: CaseDetail;
  onUpdated: (detail: CaseDetail) => void;
}

/** Status, SLA dates and owner; admins reassign from the user list, other case workers can take the case. */
export function CaseFacts({ detail, onUpdated }: Props) {
  const session = useSession();
  const me = session?.user.userId ?? null;
  const admin = canReassign(session);
  const users = useApi<{ items: UserSummary[] }>(admin ? "/users" : null);
  const owner = useCaseWrite(detail.id, onUpdated);
  const [choice, setChoice] = useState(detail.ownerUserId ?? "");
  const ownerId = useId();

  const reassign = (event: FormEvent) => {
    event.preventDefault();
    const next = choice || null;
    const name = users.data?.items.find((u) => u.userId === next)?.name;
    void owner.patch(
      { ownerUserId: next },
      next ? `Assigned to ${name ?? "the selected user"}.` : "Case unassigned.",
    );
  };
  const forbidden = users.error instanceof ApiError && users.error.status === 403;
  const activeUsers = (users.data?.items ?? [])
    .filter((u) => !u.disabled && u.role !== "viewer")
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section className="card" aria-labelledby="case-facts-title">
      <h2 id="case-facts-title" className="card-title">
        Case
      </h2>
      <dl className="definition-grid case-facts">
        <dt>Status</dt>
        <dd>
          <span className={`badge ${STATUS_TONES[detail.status]}`} data-testid="case-status">
            {STATUS_LABELS[detail.status]}
          </span>
        </dd>
        <dt>Partner</dt>
        <dd>
          <Link to={`/partners/${encodeURIComponent(detail.partnerId)}`}>{detail.partnerName}</Link>
        </dd>
        <dt>Rule</dt>
        <dd>{humanize(detail.rule)}</dd>
        {detail.priority ? (
          <>
            <dt>Priority</dt>
            <dd>{humanize(detail.priority)}</dd>
          </>
        ) : null}
        <dt>Opened</dt>
        <dd>{formatDateTime(detail.createdAt)}</dd>
        <dt>First contact due</dt>
        <dd>
          {formatDateTime(detail.dueAt)}{" "}
          {detail.overdue ? <span className="badge badge-danger badge-tiny">Overdue</span> : null}
        </dd>
        <dt>First contact</dt>
        <dd data-testid="case-first-contact">
          {detail.firstContactAt ? formatDateTime(detail.firstContactAt) : "Not yet"}
        </dd>
        {detail.escalatedAt ? (
          <>
            <dt>Escalated</dt>
            <dd>
              {formatDateTime(detail.escalatedAt)}{" "}
              <span className="badge badge-warning badge-tiny">Escalated</span>
            </dd>
          </>
        ) : null}
        {detail.resolvedAt ? (
          <>
            <dt>{detail.status === "resolved" ? "Resolved" : "Closed"}</dt>
            <dd>{formatDateTime(detail.resolvedAt)}</dd>
          </>
        ) : null}
        <dt>Owner</dt>
        <dd>{detail.ownerName ?? "Unassigned"}</dd>
      </dl>
      {admin && !forbidden ? (
        users.error ? (
          <p className="alert alert-error" role="alert">
            Users could not be loaded: {users.error instanceof Error ? users.error.message : "unknown error"}
          </p>
        ) : (
          <form className="case-owner-form" onSubmit={reassign}>
            <label htmlFor={ownerId}>Reassign to</label>
            <div className="case-inline">
              <select id={ownerId} value={choice} onChange={(event) => setChoice(event.target.value)}>
                <option value="">Nobody (unassigned)</option>
                {activeUsers.map((user) => (
                  <option key={user.userId} value={user.userId}>
                    {user.name}
                  </option>
                ))}
              </select>
              <button
                type="submit"
                className="button button-secondary"
                disabled={owner.busy || (choice || null) === detail.ownerUserId}
              >
                Reassign
              </button>
            </div>
          </form>
        )
      ) : canWorkCases(session) && me && detail.ownerUserId !== me ? (
        <button
          type="button"
          className="button button-secondary case-take"
          disabled={owner.busy}
          onClick={() => void owner.patch({ ownerUserId: me }, "The case is now yours.")}
        >
          Assign to me
        </button>
      ) : null}
      <WriteFeedback write={owner} />
    </section>
  );
}

import type { CaseView, ResponseRecord } from "../../api/types";
import { humanize } from "../../format";
import { Link } from "../../routing";
import { formatDateTime, STATUS_LABELS } from "./case-model";

const CATEGORY_WORDS = { promoter: "promoter", passive: "passive", detractor: "detractor" } as const;

/** A 0–10 score coloured by category, with the category in text for screen readers. */
export function CaseScore({ response }: { response: Pick<ResponseRecord, "score" | "category"> }) {
  return (
    <span className={`case-score case-score-${response.category}`} title={`Score ${response.score}`}>
      {response.score}
      <span className="visually-hidden"> ({CATEGORY_WORDS[response.category]})</span>
    </span>
  );
}

/** The linked answers' scores, in the order the case holds them; unknown until the responses arrive. */
export function CaseScores({ item, responses }: { item: CaseView; responses: Map<string, ResponseRecord> }) {
  const known = item.responseIds.flatMap((id) => {
    const response = responses.get(id);
    return response ? [response] : [];
  });
  if (known.length === 0) return null;
  return (
    <span className="case-scores">
      <span className="visually-hidden">{known.length === 1 ? "Score:" : "Scores:"} </span>
      {known.map((response) => (
        <CaseScore key={response.responseId} response={response} />
      ))}
    </span>
  );
}

/** Due time with an "Overdue" badge that is text, not colour alone. */
export function DueText({ item }: { item: CaseView }) {
  return (
    <span className="case-due">
      <span>{formatDateTime(item.dueAt)}</span>
      {item.overdue ? <span className="badge badge-danger badge-tiny">Overdue</span> : null}
      {item.escalatedAt ? <span className="badge badge-warning badge-tiny">Escalated</span> : null}
    </span>
  );
}

/** One case on the board: partner (the link to the case), rule and reason, scores, owner, due date. */
export function CaseCard({ item, responses }: { item: CaseView; responses: Map<string, ResponseRecord> }) {
  return (
    <li className={`case-card${item.overdue ? " is-overdue" : ""}`} data-case-id={item.id}>
      <Link to={`/cases/${encodeURIComponent(item.id)}`} className="case-card-title">
        {item.partnerName}
        <span className="visually-hidden">, {STATUS_LABELS[item.status]}</span>
      </Link>
      <div className="case-card-tags">
        <CaseScores item={item} responses={responses} />
        {item.priority === "high" ? (
          <span className="badge badge-warning badge-tiny">High priority</span>
        ) : null}
      </div>
      <p className="case-card-reason">
        <span className="case-card-rule">{humanize(item.rule)}</span>
        {item.reason ? <span>{item.reason}</span> : null}
      </p>
      <dl className="case-card-meta">
        <div>
          <dt>Owner</dt>
          <dd>{item.ownerName ?? <span className="muted">Unassigned</span>}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            <DueText item={item} />
          </dd>
        </div>
      </dl>
    </li>
  );
}

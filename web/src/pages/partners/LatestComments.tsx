import type { ScorecardComment } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { formatDate, humanize } from "../../format";

const TONE: Record<ScorecardComment["category"], string> = {
  promoter: "badge-success",
  passive: "badge-neutral",
  detractor: "badge-danger",
};

/** The partner's own words, newest first; React escapes every comment, so text is never markup. */
export function LatestComments({ comments }: { comments: ScorecardComment[] }) {
  return (
    <section className="card" aria-labelledby="comments-title">
      <h2 id="comments-title" className="card-title">
        Latest comments
      </h2>
      {comments.length === 0 ? (
        <EmptyState title="No comments yet" />
      ) : (
        <ul className="plain-list">
          {comments.map((c) => (
            <li key={c.responseId} className="comment">
              <div className="comment-meta">
                <span className={`badge ${TONE[c.category]}`}>
                  {c.score} · {c.category}
                </span>
                <span>{c.contact?.name ?? "Anonymous"}</span>
                {c.contact?.role ? <span>{humanize(c.contact.role)}</span> : null}
                <span>{formatDate(c.respondedAt)}</span>
              </div>
              <blockquote lang={c.language ?? undefined}>{c.comment}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

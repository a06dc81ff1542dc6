import type { CaseDetail } from "../../api/types";
import { EmptyState } from "../../components/EmptyState";
import { formatDate, humanize } from "../../format";
import { CaseScore } from "./CaseCard";
import { useResponses } from "./useResponses";

/** The answers that opened the case: score, the partner's own words, who said it (unless anonymous) and when. */
export function CaseResponses({ detail }: { detail: CaseDetail }) {
  const records = useResponses(detail.responses.map((r) => r.id));
  return (
    <section className="card" aria-labelledby="case-responses-title">
      <h2 id="case-responses-title" className="card-title">
        {detail.responses.length === 1 ? "The answer behind this case" : "The answers behind this case"}
      </h2>
      {records.error ? (
        <p className="alert alert-error" role="alert">
          Contact and wave details could not be loaded:{" "}
          {records.error instanceof Error ? records.error.message : "unknown error"}
        </p>
      ) : null}
      {detail.responses.length === 0 ? (
        <EmptyState title="No linked answer">This case was opened without a survey answer.</EmptyState>
      ) : (
        <ul className="plain-list">
          {detail.responses.map((response) => {
            const record = records.byId.get(response.id);
            const contact = record
              ? record.contact
                ? [
                    record.contact.name ?? "Unnamed contact",
                    record.contact.role ? humanize(record.contact.role) : null,
                  ]
                    .filter(Boolean)
                    .join(", ")
                : "Anonymous"
              : records.loading
                ? "…"
                : null;
            return (
              <li key={response.id} className="comment case-response" data-response-id={response.id}>
                <div className="comment-meta">
                  <CaseScore response={response} />
                  <span>{humanize(response.category)}</span>
                  {contact ? <span>{contact}</span> : null}
                  <span>{formatDate(response.submittedAt)}</span>
                  {record?.wave ? <span>{record.wave.name}</span> : null}
                </div>
                {response.comment ? (
                  <blockquote lang={record?.language ?? undefined}>{response.comment}</blockquote>
                ) : (
                  <p className="muted">No comment.</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import type { CaseDetail } from "../../api/types";
import { formatDateTime } from "./case-model";

const KIND_LABELS: Record<string, string> = {
  response: "Answer",
  opened: "Case opened",
  note: "Note",
  contact: "Contact logged",
  status: "Status changed",
};

/** Status words in notes ("new → contacted") read better as the board's labels. */
function readable(kind: string, text: string): string {
  if (kind !== "status") return text;
  return text.replace(/[a-z_]+/g, (word) => word.replace(/_/g, " "));
}

/** The case's story in order: the answer, the opening, every note, contact and status change. */
export function CaseTimeline({ detail }: { detail: CaseDetail }) {
  return (
    <section className="card" aria-labelledby="case-timeline-title">
      <h2 id="case-timeline-title" className="card-title">
        Timeline
      </h2>
      <ol className="case-timeline">
        {detail.timeline.map((entry, index) => (
          <li
            // The timeline has no ids; its order is stable (the server sorts it), so position is the identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={index}
            className={`case-timeline-entry is-${entry.kind}`}
          >
            <div className="case-timeline-head">
              <strong>{KIND_LABELS[entry.kind] ?? entry.kind}</strong>
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {entry.userName ? <span>{entry.userName}</span> : null}
            </div>
            <p className="case-prose">{readable(entry.kind, entry.text)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

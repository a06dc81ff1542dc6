import { type FormEvent, useId, useState } from "react";
import type { CaseDetail, CaseStatus } from "../../api/types";
import { ConfirmDialog } from "../waves/ConfirmDialog";
import { isOpen, MOVE_LABELS, nextStatuses, STATUS_LABELS } from "./case-model";
import { useCaseWrite, WriteFeedback } from "./useCaseWrite";

interface Props {
  detail: CaseDetail;
  onUpdated: (detail: CaseDetail) => void;
}

/** The lifecycle moves open from here, then the contact log and notes. */
export function CaseWork({ detail, onUpdated }: Props) {
  const status = useCaseWrite(detail.id, onUpdated);
  const notes = useCaseWrite(detail.id, onUpdated);
  const [text, setText] = useState("");
  const [confirmClose, setConfirmClose] = useState(false);
  const noteId = useId();
  const moves = nextStatuses(detail.status);

  const move = (to: CaseStatus) =>
    void status.patch({ status: to }, `Case is now ${STATUS_LABELS[to].toLowerCase()}.`);

  const submit = (kind: "note" | "contact") => async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body) return;
    const saved = await notes.note(kind, body, kind === "contact" ? "Contact logged." : "Note added.");
    if (saved) setText("");
  };

  return (
    <section className="card case-work" aria-labelledby="case-work-title">
      <h2 id="case-work-title" className="card-title">
        Work the case
      </h2>
      {moves.length ? (
        <fieldset className="case-moves">
          <legend className="visually-hidden">Change status</legend>
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={`button ${to === "closed_without_action" ? "button-secondary" : ""}`}
              disabled={status.busy}
              onClick={() => (to === "closed_without_action" ? setConfirmClose(true) : move(to))}
            >
              {MOVE_LABELS[to]}
            </button>
          ))}
        </fieldset>
      ) : (
        <p className="muted">
          This case is {STATUS_LABELS[detail.status].toLowerCase()}; notes can still be added.
        </p>
      )}
      <WriteFeedback write={status} />
      <form className="form case-note-form" onSubmit={submit("note")}>
        <div className="field">
          <label htmlFor={noteId}>What happened</label>
          <textarea
            id={noteId}
            rows={3}
            value={text}
            maxLength={10_000}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={`${noteId}-hint`}
          />
          <p id={`${noteId}-hint`} className="field-hint">
            {isOpen(detail.status) && detail.status !== "contacted"
              ? "Logging a contact records the first contact and moves the case to Contacted."
              : "Logging a contact records that you spoke with the partner."}
          </p>
        </div>
        <div className="case-note-actions">
          <button
            type="button"
            className="button"
            disabled={notes.busy || !text.trim()}
            onClick={() => void submit("contact")()}
          >
            Log contact
          </button>
          <button type="submit" className="button button-secondary" disabled={notes.busy || !text.trim()}>
            Add note
          </button>
        </div>
        <WriteFeedback write={notes} />
      </form>
      <ConfirmDialog
        open={confirmClose}
        title="Close this case without action?"
        confirmLabel="Close without action"
        busy={status.busy}
        onCancel={() => setConfirmClose(false)}
        onConfirm={() => {
          setConfirmClose(false);
          move("closed_without_action");
        }}
      >
        <p>The case cannot be reopened. Add a note first if the reason should be on record.</p>
      </ConfirmDialog>
    </section>
  );
}

import { useState } from "react";
import { api } from "../../api/client";
import type { CaseDetail } from "../../api/types";

export interface CaseWrite {
  busy: boolean;
  error: unknown;
  /** Set after a successful write, read out by a polite status region. */
  done: string | null;
  /** PATCH /cases/:id; resolves true when the server accepted it. */
  patch(body: Record<string, unknown>, doneMessage: string): Promise<boolean>;
  /** POST /cases/:id/notes. */
  note(kind: "note" | "contact", body: string, doneMessage: string): Promise<boolean>;
}

/** One section's writes to a case: its own busy flag and error, the updated case handed back up. */
export function useCaseWrite(caseId: string, onUpdated: (detail: CaseDetail) => void): CaseWrite {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const path = `/cases/${encodeURIComponent(caseId)}`;

  const run = async (request: () => Promise<CaseDetail>, doneMessage: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      onUpdated(await request());
      setDone(doneMessage);
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    error,
    done,
    patch: (body, doneMessage) => run(() => api.patch<CaseDetail>(path, body), doneMessage),
    note: (kind, body, doneMessage) =>
      run(
        async () =>
          (await api.post<{ noteId: string; case: CaseDetail }>(`${path}/notes`, { kind, body })).case,
        doneMessage,
      ),
  };
}

/** The server's message for a failed write, with the field issues when there are some. */
export function WriteFeedback({ write }: { write: CaseWrite }) {
  return (
    <>
      {write.error ? (
        <p className="alert alert-error case-write-error" role="alert">
          {write.error instanceof Error ? write.error.message : "The change could not be saved."}
        </p>
      ) : null}
      <p className="case-write-done" role="status">
        {write.done ?? ""}
      </p>
    </>
  );
}

import { type FormEvent, useEffect, useId, useState } from "react";
import type { CaseDetail, RootCause } from "../../api/types";
import { useApi } from "../../api/useApi";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { useCaseWrite, WriteFeedback } from "./useCaseWrite";

interface Props {
  detail: CaseDetail;
  onUpdated: (detail: CaseDetail) => void;
  canWork: boolean;
}

/** Root causes from the organization's taxonomy (any number), and the action taken; read-only for viewers. */
export function CaseOutcome({ detail, onUpdated, canWork }: Props) {
  const taxonomy = useApi<{ items: RootCause[] }>("/root-causes");
  const causes = useCaseWrite(detail.id, onUpdated);
  const action = useCaseWrite(detail.id, onUpdated);
  const [selected, setSelected] = useState<string[]>(detail.rootCauses);
  const [actionText, setActionText] = useState(detail.actionTaken ?? "");
  const actionId = useId();
  const causesKey = detail.rootCauses.join(",");

  // A save elsewhere (or this one) hands back the server's truth; the form follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: causesKey captures the list by value
  useEffect(() => setSelected(detail.rootCauses), [causesKey]);
  useEffect(() => setActionText(detail.actionTaken ?? ""), [detail.actionTaken]);

  const items = taxonomy.data?.items ?? [];
  const nameOf = (id: string) => items.find((c) => c.id === id)?.name ?? id;
  // Archived causes stay on old cases but cannot be chosen again, so only active ones are offered.
  const choosable = items.filter((c) => !c.archived);
  const archivedOnCase = detail.rootCauses.filter((id) => items.find((c) => c.id === id)?.archived);
  const changed = [...selected].sort().join(",") !== [...detail.rootCauses].sort().join(",");

  const saveCauses = (event: FormEvent) => {
    event.preventDefault();
    const active = selected.filter((id) => choosable.some((c) => c.id === id));
    void causes.patch({ rootCauses: active }, "Root causes saved.");
  };
  const saveAction = (event: FormEvent) => {
    event.preventDefault();
    void action.patch({ actionTaken: actionText.trim() || null }, "Action taken saved.");
  };

  return (
    <section className="card" aria-labelledby="case-outcome-title">
      <h2 id="case-outcome-title" className="card-title">
        Root cause and action
      </h2>
      {!canWork ? (
        <dl className="definition-grid">
          <dt>Root causes</dt>
          <dd>{detail.rootCauses.length ? detail.rootCauses.map(nameOf).join(", ") : "Not recorded"}</dd>
          <dt>Action taken</dt>
          <dd className="case-prose">{detail.actionTaken ?? "Not recorded"}</dd>
        </dl>
      ) : (
        <div className="case-outcome">
          {taxonomy.error ? (
            <ErrorState
              error={taxonomy.error}
              onRetry={taxonomy.reload}
              title="Root causes could not be loaded"
            />
          ) : !taxonomy.data ? (
            <Loading />
          ) : (
            <form onSubmit={saveCauses} className="form">
              <fieldset className="case-causes">
                <legend>Root causes</legend>
                {choosable.map((cause) => (
                  <label key={cause.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={selected.includes(cause.id)}
                      onChange={(event) =>
                        setSelected((current) =>
                          event.target.checked
                            ? [...current, cause.id]
                            : current.filter((id) => id !== cause.id),
                        )
                      }
                    />
                    <span>{cause.name}</span>
                  </label>
                ))}
              </fieldset>
              {archivedOnCase.length ? (
                <p className="field-hint">
                  Archived, dropped on the next save: {archivedOnCase.map(nameOf).join(", ")}
                </p>
              ) : null}
              <div>
                <button type="submit" className="button button-secondary" disabled={causes.busy || !changed}>
                  Save root causes
                </button>
              </div>
              <WriteFeedback write={causes} />
            </form>
          )}
          <form onSubmit={saveAction} className="form">
            <div className="field">
              <label htmlFor={actionId}>Action taken</label>
              <textarea
                id={actionId}
                rows={3}
                maxLength={4000}
                value={actionText}
                onChange={(event) => setActionText(event.target.value)}
              />
            </div>
            <div>
              <button
                type="submit"
                className="button button-secondary"
                disabled={action.busy || actionText.trim() === (detail.actionTaken ?? "")}
              >
                Save action
              </button>
            </div>
            <WriteFeedback write={action} />
          </form>
        </div>
      )}
    </section>
  );
}

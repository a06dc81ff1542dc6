import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api/client";
import { type FieldErrors, fieldErrors } from "../surveys/field-errors";
import {
  type Band,
  type IntervalMethod,
  intervalMethodLabels,
  intervalMethods,
  type OrganizationSettings,
} from "./settings-model";

interface Props {
  settings: OrganizationSettings;
  canEdit: boolean;
  onSaved: (settings: OrganizationSettings) => void;
}

/** Bands, role weights, interval method, small-sample threshold and fatigue rules: one form, one PATCH. */
export function ScoringSettings({ settings, canEdit, onSaved }: Props) {
  const [draft, setDraft] = useState<OrganizationSettings>(settings);
  const [weights, setWeights] = useState(() =>
    Object.entries(settings.roleWeights).map(([role, weight]) => ({ role, weight })),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const setBand = (index: number, patch: Partial<Band>) =>
    setDraft((d) => ({ ...d, bands: d.bands.map((b, i) => (i === index ? { ...b, ...patch } : b)) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setStatus(null);
    setErrors({});
    const roleWeights = Object.fromEntries(
      weights.filter((w) => w.role.trim() !== "").map((w) => [w.role.trim(), w.weight]),
    );
    try {
      const saved = await api.patch<OrganizationSettings>("/settings", {
        bands: draft.bands,
        roleWeights,
        defaultRoleWeight: draft.defaultRoleWeight,
        intervalMethod: draft.intervalMethod,
        confidence: draft.confidence,
        smallSampleThreshold: draft.smallSampleThreshold,
        fatigue: draft.fatigue,
        slaBusinessDays: draft.slaBusinessDays,
        caseReminderBusinessDays: draft.caseReminderBusinessDays,
      });
      setDraft(saved);
      onSaved(saved);
      setStatus({ kind: "ok", text: "Settings saved." });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      setErrors(fieldErrors(apiError?.details));
      setStatus({ kind: "error", text: apiError?.message ?? "The settings could not be saved." });
    } finally {
      setSaving(false);
    }
  }

  const err = (field: string) =>
    errors[field] ? (
      <span className="field-error" id={`err-${field}`}>
        {errors[field]}
      </span>
    ) : null;

  return (
    <form onSubmit={save} className="pg-form" aria-describedby="scoring-status">
      <fieldset disabled={!canEdit || saving} className="pg-fieldset-plain">
        <section className="card pg-section" aria-labelledby="bands-title">
          <h2 id="bands-title">Interpretation bands</h2>
          <p className="field-hint">
            Each NPS falls in the highest band whose lower bound it reaches. Defaults: ≥ 70 exceptional, &gt;
            50 strong, 30–50 moderate, below 30 low.
          </p>
          <div className="table-scroll">
            <table className="data-table pg-stack-table pg-bands-table">
              <caption className="visually-hidden">Interpretation bands, highest first</caption>
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Lower bound</th>
                  <th scope="col">Bound included</th>
                  <th scope="col">Advice</th>
                </tr>
              </thead>
              <tbody>
                {draft.bands.map((band, index) => (
                  <tr key={band.key}>
                    {/* data-label: the column name shown above each input once phones stack the row (pages.css). */}
                    <td className="pg-stack-wide" data-label="Label">
                      <input
                        className="pg-band-label"
                        aria-label={`Label of band ${band.key}`}
                        value={band.label}
                        onChange={(e) => setBand(index, { label: e.target.value })}
                      />
                    </td>
                    <td data-label="Lower bound">
                      <input
                        type="number"
                        min={-100}
                        max={100}
                        className="pg-input-narrow"
                        aria-label={`Lower bound of ${band.label}`}
                        value={band.min}
                        onChange={(e) => setBand(index, { min: Number(e.target.value) })}
                      />
                    </td>
                    <td className="pg-band-check" data-label="Bound included">
                      <input
                        type="checkbox"
                        aria-label={`${band.label}: a score equal to the bound belongs to this band`}
                        checked={band.inclusive}
                        onChange={(e) => setBand(index, { inclusive: e.target.checked })}
                      />
                    </td>
                    <td className="pg-stack-wide" data-label="Advice">
                      <input
                        className="pg-band-advice"
                        aria-label={`Advice for ${band.label}`}
                        value={band.advice}
                        onChange={(e) => setBand(index, { advice: e.target.value })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {err("bands")}
        </section>

        <section className="card pg-section" aria-labelledby="weights-title">
          <h2 id="weights-title">Role weights</h2>
          <p className="field-hint">
            How much one answer counts in a partner's account NPS, by the contact's role.
          </p>
          <div className="pg-weight-row pg-weight-head" aria-hidden="true">
            <span>Role</span>
            <span>Weight</span>
            <span />
          </div>
          {weights.map((w, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the role text is not stable
            <div key={index} className="pg-weight-row">
              <input
                aria-label={`Role ${index + 1}`}
                value={w.role}
                onChange={(e) =>
                  setWeights((ws) => ws.map((x, i) => (i === index ? { ...x, role: e.target.value } : x)))
                }
              />
              <input
                type="number"
                min={0}
                max={100}
                step="0.5"
                aria-label={`Weight of ${w.role || `role ${index + 1}`}`}
                value={w.weight}
                onChange={(e) =>
                  setWeights((ws) =>
                    ws.map((x, i) => (i === index ? { ...x, weight: Number(e.target.value) } : x)),
                  )
                }
              />
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setWeights((ws) => ws.filter((_, i) => i !== index))}
              >
                Remove<span className="visually-hidden"> role {w.role}</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setWeights((ws) => [...ws, { role: "", weight: 1 }])}
          >
            Add role weight
          </button>
          {err("roleWeights")}
          <label className="field">
            Weight of every other role
            <input
              type="number"
              min={0}
              max={100}
              step="0.5"
              className="pg-input-narrow"
              value={draft.defaultRoleWeight}
              onChange={(e) => setDraft((d) => ({ ...d, defaultRoleWeight: Number(e.target.value) }))}
            />
            {err("defaultRoleWeight")}
          </label>
        </section>

        <div className="grid grid-2">
          <section className="card pg-section" aria-labelledby="stats-title">
            <h2 id="stats-title">Statistics</h2>
            <label className="field">
              Interval method
              <select
                value={draft.intervalMethod}
                onChange={(e) =>
                  setDraft((d) => ({ ...d, intervalMethod: e.target.value as IntervalMethod }))
                }
              >
                {intervalMethods.map((m) => (
                  <option key={m} value={m}>
                    {intervalMethodLabels[m]}
                  </option>
                ))}
              </select>
              {err("intervalMethod")}
            </label>
            <label className="field">
              Confidence level (%)
              <input
                type="number"
                min={50}
                max={99.9}
                step="0.1"
                className="pg-input-narrow"
                value={Math.round(draft.confidence * 1000) / 10}
                onChange={(e) => setDraft((d) => ({ ...d, confidence: Number(e.target.value) / 100 }))}
              />
              {err("confidence")}
            </label>
            <label className="field">
              Small-sample threshold (responses)
              <input
                type="number"
                min={1}
                className="pg-input-narrow"
                value={draft.smallSampleThreshold}
                onChange={(e) => setDraft((d) => ({ ...d, smallSampleThreshold: Number(e.target.value) }))}
              />
              <span className="field-hint">Figures based on fewer responses are flagged “small sample”.</span>
              {err("smallSampleThreshold")}
            </label>
          </section>

          <section className="card pg-section" aria-labelledby="fatigue-title">
            <h2 id="fatigue-title">Survey fatigue and follow-up</h2>
            <label className="field">
              Minimum days between two surveys to one contact
              <input
                type="number"
                min={0}
                className="pg-input-narrow"
                value={draft.fatigue.minDaysBetweenSurveys}
                onChange={(e) =>
                  setDraft((d) => ({
                    ...d,
                    fatigue: { ...d.fatigue, minDaysBetweenSurveys: Number(e.target.value) },
                  }))
                }
              />
              {err("fatigue.minDaysBetweenSurveys")}
            </label>
            <label className="field">
              Maximum invitations per partner per quarter
              <input
                type="number"
                min={0}
                className="pg-input-narrow"
                value={draft.fatigue.maxInvitationsPerPartnerPerQuarter}
                onChange={(e) =>
                  setDraft((d) => ({
                    ...d,
                    fatigue: { ...d.fatigue, maxInvitationsPerPartnerPerQuarter: Number(e.target.value) },
                  }))
                }
              />
              {err("fatigue.maxInvitationsPerPartnerPerQuarter")}
            </label>
            <label className="field">
              Follow-up SLA (business days to first contact)
              <input
                type="number"
                min={0}
                max={60}
                className="pg-input-narrow"
                value={draft.slaBusinessDays}
                onChange={(e) => setDraft((d) => ({ ...d, slaBusinessDays: Number(e.target.value) }))}
              />
              {err("slaBusinessDays")}
            </label>
            <label className="field">
              Remind case owners (business days before due)
              <input
                type="number"
                min={0}
                max={30}
                className="pg-input-narrow"
                value={draft.caseReminderBusinessDays}
                onChange={(e) =>
                  setDraft((d) => ({ ...d, caseReminderBusinessDays: Number(e.target.value) }))
                }
              />
              {err("caseReminderBusinessDays")}
            </label>
          </section>
        </div>
        {canEdit ? (
          <div className="pg-actions">
            <button type="submit" className="button">
              {saving ? "Saving…" : "Save settings"}
            </button>
          </div>
        ) : null}
      </fieldset>
      <p
        id="scoring-status"
        role="status"
        aria-live="polite"
        className={status?.kind === "error" ? "pg-error-text" : "pg-ok-text"}
      >
        {status?.text ?? ""}
      </p>
    </form>
  );
}

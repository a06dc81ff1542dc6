import { type FormEvent, useEffect, useRef, useState } from "react";
import { ApiError, api } from "../../api/client";
import { Link, navigate } from "../../routing";
import { type FieldErrors, fieldErrors } from "../surveys/field-errors";
import type { Survey } from "../surveys/survey-model";
import { AudienceFilters } from "./AudienceFilters";
import { AudiencePreviewPanel } from "./AudiencePreviewPanel";
import { type Audience, type AudiencePreview, compactAudience, type Wave } from "./wave-model";

/** <input type="datetime-local"> speaks local wall time; the API wants an ISO instant. */
function toIso(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;

function parseDays(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const days = parts.map(Number);
  return days.every((d) => Number.isInteger(d) && d >= 1 && d <= 60) ? days : null;
}

/** A new wave: survey, name, audience (with the live preview), schedule, close date and reminders. */
export function WaveCreateForm({
  surveys,
  initialSurvey,
}: {
  surveys: Survey[];
  initialSurvey: string | null;
}) {
  const [surveyId, setSurveyId] = useState(
    initialSurvey && surveys.some((s) => s.survey_id === initialSurvey)
      ? initialSurvey
      : (surveys[0]?.survey_id ?? ""),
  );
  const [name, setName] = useState("");
  const [audience, setAudience] = useState<Audience>({});
  const [scheduled, setScheduled] = useState("");
  const [closes, setCloses] = useState(() => localInput(new Date(Date.now() + 21 * 86_400_000)));
  const [reminders, setReminders] = useState("4, 9");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<AudiencePreview | null>(null);
  const [previewState, setPreviewState] = useState<"idle" | "loading" | "error">("idle");
  const statusRef = useRef<HTMLParagraphElement>(null);

  const audienceKey = JSON.stringify(compactAudience(audience));
  // Recomputed shortly after the filters settle so a run of checkbox clicks costs one request.
  useEffect(() => {
    let current = true;
    setPreviewState("loading");
    const timer = window.setTimeout(() => {
      api
        .post<AudiencePreview>("/waves/audience-preview", JSON.parse(audienceKey))
        .then((answer) => {
          if (!current) return;
          setPreview(answer);
          setPreviewState("idle");
        })
        .catch(() => {
          if (current) setPreviewState("error");
        });
    }, 300);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [audienceKey]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const reminderDays = parseDays(reminders);
    const local: FieldErrors = {};
    if (!reminderDays) local.reminder_days = "Use whole days between 1 and 60, separated by commas.";
    if (!toIso(closes)) local.closes_at = "Choose a close date.";
    if (Object.keys(local).length) {
      setErrors(local);
      setStatus("The wave was not created: check the highlighted fields.");
      statusRef.current?.focus();
      return;
    }
    setSaving(true);
    setErrors({});
    setStatus(null);
    try {
      const wave = await api.post<Wave>("/waves", {
        survey_id: surveyId,
        name,
        audience: compactAudience(audience),
        reminder_days: reminderDays,
        scheduled_at: toIso(scheduled),
        closes_at: toIso(closes),
      });
      navigate(`/waves/${wave.wave_id}`);
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      setErrors(fieldErrors(apiError?.details));
      setStatus(apiError?.message ?? "The wave could not be created.");
      statusRef.current?.focus();
    } finally {
      setSaving(false);
    }
  }

  const err = (field: string) =>
    errors[field] ? (
      <span className="field-error" id={`error-${field}`}>
        {errors[field]}
      </span>
    ) : null;

  if (surveys.length === 0) {
    return (
      <p>
        Create a survey first: <Link to="/surveys/new">new survey</Link>.
      </p>
    );
  }

  return (
    <form onSubmit={submit} className="pg-two-col" noValidate>
      <div className="pg-form">
        <section className="card pg-section" aria-labelledby="wave-basics">
          <h2 id="wave-basics">Wave</h2>
          <label className="field">
            Survey
            <select
              value={surveyId}
              onChange={(e) => setSurveyId(e.target.value)}
              aria-invalid={Boolean(errors.survey_id)}
            >
              {surveys.map((s) => (
                <option key={s.survey_id} value={s.survey_id}>
                  {s.name}
                </option>
              ))}
            </select>
            {err("survey_id")}
          </label>
          <label className="field">
            Name
            <input
              required
              maxLength={200}
              value={name}
              placeholder="Q1 2027 relationship survey"
              aria-invalid={Boolean(errors.name)}
              aria-describedby={errors.name ? "error-name" : undefined}
              onChange={(e) => setName(e.target.value)}
            />
            {err("name")}
          </label>
        </section>
        <section className="card pg-section" aria-labelledby="wave-audience">
          <h2 id="wave-audience">Audience</h2>
          <p className="field-hint">
            Leave a filter empty to include everyone. Fatigue rules and unsubscribes always apply.
          </p>
          <AudienceFilters audience={audience} onChange={setAudience} />
          {Object.keys(errors).some((f) => f.startsWith("audience")) ? (
            <p className="field-error">
              {Object.entries(errors)
                .filter(([f]) => f.startsWith("audience"))
                .map(([f, m]) => `${f}: ${m}`)
                .join("; ")}
            </p>
          ) : null}
        </section>
        <section className="card pg-section" aria-labelledby="wave-schedule">
          <h2 id="wave-schedule">Schedule</h2>
          <div className="pg-form-grid">
            <label className="field">
              Send at (optional)
              <input
                type="datetime-local"
                value={scheduled}
                aria-invalid={Boolean(errors.scheduled_at)}
                onChange={(e) => setScheduled(e.target.value)}
              />
              <span className="field-hint">Empty: stays a draft until you launch it.</span>
              {err("scheduled_at")}
            </label>
            <label className="field">
              Closes at
              <input
                type="datetime-local"
                required
                value={closes}
                aria-invalid={Boolean(errors.closes_at)}
                onChange={(e) => setCloses(e.target.value)}
              />
              {err("closes_at")}
            </label>
            <label className="field">
              Reminders (days after sending)
              <input
                value={reminders}
                inputMode="numeric"
                aria-invalid={Boolean(errors.reminder_days)}
                onChange={(e) => setReminders(e.target.value)}
              />
              <span className="field-hint">Up to 5, e.g. “4, 9”. Only non-responders get reminders.</span>
              {err("reminder_days")}
            </label>
          </div>
        </section>
        <div className="pg-actions pg-actions-start">
          <button type="submit" className="button" disabled={saving}>
            {saving ? "Creating…" : scheduled ? "Create scheduled wave" : "Create draft wave"}
          </button>
          <Link to="/waves" className="button button-secondary">
            Cancel
          </Link>
        </div>
        <p ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className="pg-error-text">
          {status ?? ""}
        </p>
      </div>
      <aside className="pg-preview-col">
        <section
          className="card pg-section"
          aria-labelledby="audience-preview-title"
          aria-busy={previewState === "loading"}
        >
          <h2 id="audience-preview-title">Audience preview</h2>
          <p className="field-hint" role="status" aria-live="polite">
            {previewState === "loading"
              ? "Updating…"
              : previewState === "error"
                ? "The preview could not be computed."
                : preview
                  ? `${plural(preview.recipients, "recipient")} at ${plural(preview.partners, "partner")}; ${preview.excluded} excluded.`
                  : ""}
          </p>
          {preview ? <AudiencePreviewPanel preview={preview} /> : null}
        </section>
      </aside>
    </form>
  );
}

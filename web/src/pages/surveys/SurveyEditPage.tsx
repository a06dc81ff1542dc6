import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api } from "../../api/client";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { Link, navigate } from "../../routing";
import { canWrite, useSession } from "../../session";
import { CustomQuestionEditor } from "./CustomQuestionEditor";
import { type FieldErrors, fieldErrors } from "./field-errors";
import { SurveyPreview } from "./SurveyPreview";
import {
  type CustomQuestion,
  type DriverArea,
  driverAreas,
  driverLabels,
  emptySurvey,
  languageNames,
  newQuestion,
  type Survey,
  type SurveyInput,
  type SurveyLanguage,
  surveyLanguages,
  toInput,
} from "./survey-model";
import "./pages.css";

/** Create (/surveys/new) or edit (/surveys/:id) a survey, with a preview of the saved version in each language. */
export default function SurveyEditPage({ id }: { id: string }) {
  const session = useSession();
  const editable = canWrite(session);
  const isNew = id === "new";
  const [draft, setDraft] = useState<SurveyInput | null>(isNew ? emptySurvey() : null);
  const [saved, setSaved] = useState<Survey | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [version, setVersion] = useState(0);
  const statusRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    if (isNew) return;
    setLoadError(null);
    try {
      const survey = await api.get<Survey>(`/surveys/${encodeURIComponent(id)}`);
      setSaved(survey);
      setDraft({
        name: survey.name,
        kind: survey.kind,
        anonymous: survey.anonymous,
        default_language: survey.default_language,
        languages: survey.languages,
        questions: survey.questions,
      });
    } catch (error) {
      setLoadError(error);
    }
  }, [id, isNew]);
  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) return <ErrorState error={loadError} onRetry={() => void load()} />;
  if (!draft) return <Loading label="Loading survey…" />;

  const set = (patch: Partial<SurveyInput>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const setQuestions = (patch: Partial<SurveyInput["questions"]>) =>
    setDraft((d) => (d ? { ...d, questions: { ...d.questions, ...patch } } : d));
  const setCustom = (custom: CustomQuestion[]) => setQuestions({ custom });

  const toggleLanguage = (language: SurveyLanguage, on: boolean) => {
    const languages = surveyLanguages.filter((l) => (l === language ? on : draft.languages.includes(l)));
    set({
      languages,
      default_language: languages.includes(draft.default_language)
        ? draft.default_language
        : (languages[0] ?? "en"),
    });
  };
  const toggleDriver = (area: DriverArea, on: boolean) =>
    setQuestions({
      drivers: driverAreas.filter((a) => (a === area ? on : draft.questions.drivers.includes(a))),
    });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    setErrors({});
    setStatus(null);
    try {
      const body = toInput(draft);
      const result = isNew
        ? await api.post<Survey>("/surveys", body)
        : await api.patch<Survey>(`/surveys/${encodeURIComponent(id)}`, body);
      setSaved(result);
      setVersion((v) => v + 1);
      setStatus({ kind: "ok", text: isNew ? "Survey created." : "Survey saved." });
      if (isNew) navigate(`/surveys/${result.survey_id}`, { replace: true });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      const found = fieldErrors(apiError?.details);
      setErrors(found);
      const count = Object.keys(found).length;
      setStatus({
        kind: "error",
        text:
          count > 0
            ? `The survey was not saved: ${count} field${count === 1 ? " needs" : "s need"} attention.`
            : (apiError?.message ?? "The survey could not be saved."),
      });
      statusRef.current?.focus();
    } finally {
      setSaving(false);
    }
  }

  const fieldError = (field: string) =>
    errors[field] ? (
      <span className="field-error" id={`error-${field}`}>
        {errors[field]}
      </span>
    ) : null;
  const company = session?.organization.companyName || session?.organization.name || "{Company}";

  return (
    <div className="pg-page">
      <PageHeader
        eyebrow={<Link to="/surveys">Surveys</Link>}
        title={isNew ? "New survey" : saved?.name || "Survey"}
        description={
          editable ? undefined : "You can look at this survey; only admins and analysts can change it."
        }
        actions={
          !isNew ? (
            <Link className="button button-secondary" to={`/waves/new?survey=${encodeURIComponent(id)}`}>
              Start a wave
            </Link>
          ) : undefined
        }
      />
      <div className="pg-two-col">
        <form onSubmit={save} className="pg-form" noValidate>
          <fieldset disabled={!editable || saving} className="pg-fieldset-plain">
            <section className="card pg-section" aria-labelledby="basics-title">
              <h2 id="basics-title">Basics</h2>
              <label className="field">
                Name
                <input
                  value={draft.name}
                  required
                  maxLength={200}
                  aria-invalid={Boolean(errors.name)}
                  aria-describedby={errors.name ? "error-name" : undefined}
                  onChange={(e) => set({ name: e.target.value })}
                />
                {fieldError("name")}
              </label>
              <label className="field">
                Kind
                <select
                  value={draft.kind}
                  onChange={(e) => set({ kind: e.target.value as SurveyInput["kind"] })}
                >
                  <option value="relationship">Relationship (periodic waves)</option>
                  <option value="transactional">Transactional (after an interaction, through the API)</option>
                </select>
                {fieldError("kind")}
              </label>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.anonymous}
                  onChange={(e) => set({ anonymous: e.target.checked })}
                />
                <span>
                  Anonymous mode
                  <span className="field-hint pg-block">
                    Partner managers see the partner but not who answered, to protect honest feedback.
                  </span>
                </span>
              </label>
            </section>

            <section className="card pg-section" aria-labelledby="languages-title">
              <h2 id="languages-title">Languages</h2>
              <fieldset className="field">
                <legend>Offered in</legend>
                <div className="pg-check-row">
                  {surveyLanguages.map((language) => (
                    <label key={language} className="checkbox">
                      <input
                        type="checkbox"
                        checked={draft.languages.includes(language)}
                        disabled={draft.languages.length === 1 && draft.languages.includes(language)}
                        onChange={(e) => toggleLanguage(language, e.target.checked)}
                      />
                      {languageNames[language]}
                    </label>
                  ))}
                </div>
                {fieldError("languages")}
              </fieldset>
              <label className="field">
                Default language
                <select
                  value={draft.default_language}
                  onChange={(e) => set({ default_language: e.target.value as SurveyLanguage })}
                >
                  {draft.languages.map((language) => (
                    <option key={language} value={language}>
                      {languageNames[language]}
                    </option>
                  ))}
                </select>
                <span className="field-hint">Used when a contact's own language is not offered.</span>
                {fieldError("default_language")}
              </label>
            </section>

            <section className="card pg-section" aria-labelledby="questions-title">
              <h2 id="questions-title">Questions</h2>
              <div className="pg-fixed-question">
                <span className="field-hint">Always asked, 0–10:</span>
                <p>How likely are you to recommend {company} as a partner to other businesses?</p>
                <span className="field-hint">The company name comes from the organization's settings.</span>
              </div>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.questions.reason}
                  onChange={(e) => setQuestions({ reason: e.target.checked })}
                />
                Ask “What is the main reason for your score?”
              </label>
              <fieldset className="field">
                <legend>Driver areas rated 1–5</legend>
                <div className="pg-check-grid">
                  {driverAreas.map((area) => (
                    <label key={area} className="checkbox">
                      <input
                        type="checkbox"
                        checked={draft.questions.drivers.includes(area)}
                        onChange={(e) => toggleDriver(area, e.target.checked)}
                      />
                      {driverLabels[area]}
                    </label>
                  ))}
                </div>
                {fieldError("questions.drivers")}
              </fieldset>
              <h3>Custom questions</h3>
              {draft.questions.custom.length === 0 ? (
                <p className="field-hint">
                  No custom questions. Add up to 20: single or multiple choice, rating or free text.
                </p>
              ) : null}
              {draft.questions.custom.map((question, index) => (
                <CustomQuestionEditor
                  // biome-ignore lint/suspicious/noArrayIndexKey: the answer key is editable, so position identifies a question while editing
                  key={index}
                  question={question}
                  index={index}
                  count={draft.questions.custom.length}
                  languages={draft.languages}
                  errors={errors}
                  onChange={(next) =>
                    setCustom(draft.questions.custom.map((q, i) => (i === index ? next : q)))
                  }
                  onMove={(step) => {
                    const list = [...draft.questions.custom];
                    const [moved] = list.splice(index, 1);
                    if (moved) list.splice(index + step, 0, moved);
                    setCustom(list);
                  }}
                  onRemove={() => setCustom(draft.questions.custom.filter((_, i) => i !== index))}
                />
              ))}
              {fieldError("questions.custom")}
              <button
                type="button"
                className="button button-secondary"
                disabled={draft.questions.custom.length >= 20}
                onClick={() => setCustom([...draft.questions.custom, newQuestion(draft.questions.custom)])}
              >
                Add a custom question
              </button>
            </section>
            {editable ? (
              <div className="pg-actions pg-sticky-actions">
                <button type="submit" className="button">
                  {saving ? "Saving…" : isNew ? "Create survey" : "Save changes"}
                </button>
              </div>
            ) : null}
          </fieldset>
          <div
            ref={statusRef}
            tabIndex={-1}
            role="status"
            aria-live="polite"
            className={status?.kind === "error" ? "pg-error-text" : "pg-ok-text"}
          >
            {status?.text ?? ""}
          </div>
        </form>
        <aside className="pg-preview-col">
          {saved ? (
            <SurveyPreview surveyId={saved.survey_id} languages={saved.languages} version={version} />
          ) : (
            <section className="card pg-section">
              <h2>Preview</h2>
              <p className="field-hint">Create the survey to preview it in each of its languages.</p>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}

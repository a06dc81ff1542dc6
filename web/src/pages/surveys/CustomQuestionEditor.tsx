import { useId } from "react";
import { errorsUnder, type FieldErrors } from "./field-errors";
import {
  type CustomQuestion,
  type LocalizedText,
  languageNames,
  nextOptionId,
  type QuestionType,
  questionTypeLabels,
  type SurveyLanguage,
} from "./survey-model";

interface Props {
  question: CustomQuestion;
  index: number;
  count: number;
  languages: SurveyLanguage[];
  errors: FieldErrors;
  onChange: (question: CustomQuestion) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

/** English first: the server requires it and falls back to it for every other language. */
function ordered(languages: SurveyLanguage[]): SurveyLanguage[] {
  return ["en", ...languages.filter((l) => l !== "en")];
}

function TextInputs({
  label,
  text,
  languages,
  onChange,
  errorPrefix,
  errors,
}: {
  label: string;
  text: LocalizedText;
  languages: SurveyLanguage[];
  onChange: (text: LocalizedText) => void;
  errorPrefix: string;
  errors: FieldErrors;
}) {
  const id = useId();
  return (
    <div className="pg-localized">
      {ordered(languages).map((language) => {
        const error = errors[`${errorPrefix}.${language}`];
        return (
          <label key={language} className="field" htmlFor={`${id}-${language}`}>
            <span>
              {label} ({languageNames[language]}){language === "en" ? " — required" : ""}
            </span>
            <input
              id={`${id}-${language}`}
              lang={language}
              value={text[language] ?? ""}
              required={language === "en"}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${id}-${language}-error` : undefined}
              onChange={(e) => onChange({ ...text, [language]: e.target.value })}
            />
            {error ? (
              <span id={`${id}-${language}-error`} className="field-error">
                {error}
              </span>
            ) : null}
          </label>
        );
      })}
    </div>
  );
}

export function CustomQuestionEditor({
  question,
  index,
  count,
  languages,
  errors,
  onChange,
  onMove,
  onRemove,
}: Props) {
  const prefix = `questions.custom.${index}`;
  const idError = errors[`${prefix}.id`];
  const optionsError = errors[`${prefix}.options`];
  const rest = errorsUnder(errors, prefix).filter(
    (m) => !m.startsWith("id:") && !m.startsWith("text.") && !m.startsWith("options"),
  );
  const choice = question.type === "single" || question.type === "multiple";
  const set = (patch: Partial<CustomQuestion>) => onChange({ ...question, ...patch });
  const title = question.text.en.trim() || `Question ${index + 1}`;

  return (
    <fieldset className="pg-question">
      <legend>
        {index + 1}. {title}
      </legend>
      <div className="pg-form-grid">
        <label className="field">
          Type
          <select value={question.type} onChange={(e) => set({ type: e.target.value as QuestionType })}>
            {(Object.keys(questionTypeLabels) as QuestionType[]).map((type) => (
              <option key={type} value={type}>
                {questionTypeLabels[type]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Answer key (for exports)
          <input
            value={question.id}
            pattern="[a-z][a-z0-9_]{0,39}"
            aria-invalid={Boolean(idError)}
            onChange={(e) => set({ id: e.target.value })}
          />
          {idError ? <span className="field-error">{idError}</span> : null}
        </label>
        {question.type === "rating" ? (
          <label className="field">
            Scale (1 to …)
            <input
              type="number"
              min={2}
              max={10}
              className="pg-input-narrow"
              value={question.scale}
              onChange={(e) => set({ scale: Number(e.target.value) })}
            />
          </label>
        ) : null}
        <label className="checkbox pg-field-inline">
          <input
            type="checkbox"
            checked={question.required}
            onChange={(e) => set({ required: e.target.checked })}
          />
          Answer required
        </label>
      </div>
      <TextInputs
        label="Question"
        text={question.text}
        languages={languages}
        errors={errors}
        errorPrefix={`${prefix}.text`}
        onChange={(text) => set({ text })}
      />
      {choice ? (
        <div className="pg-options">
          <h4>Options</h4>
          {question.options.length < 2 && !optionsError ? (
            <p className="field-hint">Choice questions need at least two options.</p>
          ) : null}
          {question.options.map((option, optionIndex) => (
            <div key={option.id} className="pg-option">
              <TextInputs
                label={`Option ${optionIndex + 1}`}
                text={option.label}
                languages={languages}
                errors={errors}
                errorPrefix={`${prefix}.options.${optionIndex}.label`}
                onChange={(label) =>
                  set({ options: question.options.map((o, i) => (i === optionIndex ? { ...o, label } : o)) })
                }
              />
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => set({ options: question.options.filter((_, i) => i !== optionIndex) })}
              >
                Remove option {optionIndex + 1}
              </button>
            </div>
          ))}
          {optionsError ? <p className="field-error">{optionsError}</p> : null}
          <button
            type="button"
            className="button button-secondary"
            disabled={question.options.length >= 20}
            onClick={() =>
              set({
                options: [...question.options, { id: nextOptionId(question.options), label: { en: "" } }],
              })
            }
          >
            Add option
          </button>
        </div>
      ) : null}
      {rest.length > 0 ? (
        <ul className="field-error">
          {rest.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <div className="pg-actions pg-actions-start">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          Move up<span className="visually-hidden"> question {index + 1}</span>
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          Move down<span className="visually-hidden"> question {index + 1}</span>
        </button>
        <button
          type="button"
          className="button button-secondary button-small pg-danger-outline"
          onClick={onRemove}
        >
          Remove question {index + 1}
        </button>
      </div>
    </fieldset>
  );
}

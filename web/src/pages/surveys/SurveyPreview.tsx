import { useEffect, useState } from "react";
import { buildUrl } from "../../api/client";
import { languageNames, type SurveyLanguage } from "./survey-model";

/**
 * The server-rendered survey page in a sandboxed frame: no scripts, no form posts, no same-origin access,
 * so the preview can never record an answer or touch the dashboard.
 */
export function SurveyPreview({
  surveyId,
  languages,
  version,
}: {
  surveyId: string;
  languages: SurveyLanguage[];
  version: number;
}) {
  const [language, setLanguage] = useState<SurveyLanguage>(languages[0] ?? "en");
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = languages.includes(language) ? language : (languages[0] ?? "en");

  useEffect(() => {
    let current = true;
    setError(null);
    // The preview route answers HTML, not JSON, so it is fetched as text rather than through api.get.
    fetch(buildUrl(`/surveys/${encodeURIComponent(surveyId)}/preview`, { lang: shown, v: version }), {
      credentials: "same-origin",
      headers: { accept: "text/html" },
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(`The preview could not be loaded (HTTP ${response.status}).`);
        const text = await response.text();
        if (current) setHtml(text);
      })
      .catch((caught: unknown) => {
        if (current) setError(caught instanceof Error ? caught.message : "The preview could not be loaded.");
      });
    return () => {
      current = false;
    };
  }, [surveyId, shown, version]);

  return (
    <section className="card pg-section" aria-labelledby="preview-title">
      <div className="pg-section-head">
        <h2 id="preview-title">Preview</h2>
        <fieldset className="pg-segmented">
          <legend className="visually-hidden">Preview language</legend>
          {languages.map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={shown === l}
              className={shown === l ? "is-selected" : undefined}
              onClick={() => setLanguage(l)}
            >
              {languageNames[l]}
            </button>
          ))}
        </fieldset>
      </div>
      <p className="field-hint">
        The saved survey as a partner contact sees it, for “Example Partner Ltd”. Answers are not recorded.
      </p>
      {error ? <p className="pg-error-text">{error}</p> : null}
      {html !== null ? (
        <iframe
          className="pg-preview-frame"
          title={`Survey preview in ${languageNames[shown]}`}
          sandbox=""
          srcDoc={html}
        />
      ) : !error ? (
        <p className="field-hint" role="status">
          Loading preview…
        </p>
      ) : null}
    </section>
  );
}

import type { SurveyLanguage } from "../survey/questions.js";
import { de } from "./messages.de.js";
import { en, type MessageKey, type Messages } from "./messages.en.js";
import { es } from "./messages.es.js";
import { fr } from "./messages.fr.js";

export type { MessageKey, Messages };

const catalogs: Record<SurveyLanguage, Messages> = { en, fr, de, es };

/** A translator for one language: `t("survey.nps", { company })`; values are plain text (escape when rendering). */
export function translator(language: SurveyLanguage) {
  const messages = catalogs[language];
  return (key: MessageKey, values: Record<string, string | number> = {}): string =>
    messages[key].replace(/\{(\w+)\}/g, (match, name: string) =>
      name in values ? String(values[name]) : match,
    );
}

/** A date as the respondent reads it in their language, e.g. "15 December 2026" / "15 décembre 2026". */
export function formatDate(iso: string, language: SurveyLanguage, timeZone = "UTC"): string {
  // International English (day month year) reads unambiguously for partners outside the US.
  return new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone,
  }).format(new Date(iso));
}

export const languageNames: Record<SurveyLanguage, string> = {
  en: en["language.name"],
  fr: fr["language.name"],
  de: de["language.name"],
  es: es["language.name"],
};

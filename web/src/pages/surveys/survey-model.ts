/** The survey as GET/POST/PATCH /api/v1/surveys speak it (src/modules/surveys/survey.ts). */
export const driverAreas = [
  "enablement",
  "deal_registration",
  "co_marketing_mdf",
  "technical_support",
  "communication",
  "profitability",
  "ease_of_doing_business",
] as const;
export type DriverArea = (typeof driverAreas)[number];

export const driverLabels: Record<DriverArea, string> = {
  enablement: "Enablement and training",
  deal_registration: "Deal registration",
  co_marketing_mdf: "Co-marketing and MDF",
  technical_support: "Technical support",
  communication: "Communication",
  profitability: "Profitability",
  ease_of_doing_business: "Ease of doing business",
};

export const surveyLanguages = ["en", "fr", "de", "es"] as const;
export type SurveyLanguage = (typeof surveyLanguages)[number];
export const languageNames: Record<SurveyLanguage, string> = {
  en: "English",
  fr: "Français",
  de: "Deutsch",
  es: "Español",
};

export type QuestionType = "single" | "multiple" | "rating" | "text";
export const questionTypeLabels: Record<QuestionType, string> = {
  single: "Single choice",
  multiple: "Multiple choice",
  rating: "Rating",
  text: "Free text",
};

/** Text per language; English is required because every language falls back to it. */
export type LocalizedText = { en: string } & Partial<Record<SurveyLanguage, string>>;

export interface CustomQuestion {
  id: string;
  type: QuestionType;
  required: boolean;
  text: LocalizedText;
  options: { id: string; label: LocalizedText }[];
  scale: number;
}

export interface SurveyQuestions {
  reason: boolean;
  drivers: DriverArea[];
  custom: CustomQuestion[];
}

export interface Survey {
  survey_id: string;
  name: string;
  kind: "relationship" | "transactional";
  anonymous: boolean;
  default_language: SurveyLanguage;
  languages: SurveyLanguage[];
  questions: SurveyQuestions;
  created_at: string;
  archived_at: string | null;
}

export type SurveyInput = Omit<Survey, "survey_id" | "created_at" | "archived_at">;

export function emptySurvey(): SurveyInput {
  return {
    name: "",
    kind: "relationship",
    anonymous: false,
    default_language: "en",
    languages: ["en"],
    questions: { reason: true, drivers: [], custom: [] },
  };
}

/** A fresh question id the server accepts (^[a-z][a-z0-9_]{0,39}$) and that no other question uses. */
export function nextQuestionId(existing: CustomQuestion[]): string {
  const used = new Set(existing.map((q) => q.id));
  let n = existing.length + 1;
  while (used.has(`question_${n}`)) n += 1;
  return `question_${n}`;
}

export function newQuestion(existing: CustomQuestion[]): CustomQuestion {
  return {
    id: nextQuestionId(existing),
    type: "text",
    required: false,
    text: { en: "" },
    options: [],
    scale: 5,
  };
}

export function nextOptionId(options: CustomQuestion["options"]): string {
  const used = new Set(options.map((o) => o.id));
  let n = options.length + 1;
  while (used.has(`option_${n}`)) n += 1;
  return `option_${n}`;
}

/** Drops empty translations so the server's "English required, others optional" rule reads cleanly. */
export function cleanText(text: LocalizedText, languages: SurveyLanguage[]): LocalizedText {
  const out: LocalizedText = { en: text.en };
  for (const language of languages) {
    const value = text[language]?.trim();
    if (language !== "en" && value) out[language] = value;
  }
  return out;
}

export function toInput(survey: SurveyInput): SurveyInput {
  const languages = survey.languages;
  return {
    ...survey,
    questions: {
      ...survey.questions,
      custom: survey.questions.custom.map((q) => ({
        ...q,
        text: cleanText(q.text, languages),
        options:
          q.type === "single" || q.type === "multiple"
            ? q.options.map((o) => ({ ...o, label: cleanText(o.label, languages) }))
            : [],
      })),
    },
  };
}

import { z } from "zod";

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

export const surveyLanguages = ["en", "fr", "de", "es"] as const;
export type SurveyLanguage = (typeof surveyLanguages)[number];

/** Text per language; English is required so every language can fall back to it. */
const localizedText = z
  .object({ en: z.string().trim().min(1).max(500) })
  .catchall(z.string().trim().max(500));

export const customQuestionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be a short id like tools_used"),
    type: z.enum(["single", "multiple", "rating", "text"]),
    required: z.boolean().default(false),
    text: localizedText,
    options: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9_]{1,40}$/), label: localizedText }))
      .max(20)
      .default([]),
    /** Rating questions: 1..scale. */
    scale: z.number().int().min(2).max(10).default(5),
  })
  .refine((q) => (q.type === "single" || q.type === "multiple" ? q.options.length >= 2 : true), {
    message: "choice questions need at least two options",
    path: ["options"],
  });
export type CustomQuestion = z.infer<typeof customQuestionSchema>;

export const surveyQuestionsSchema = z.object({
  /** Ask "What is the main reason for your score?" */
  reason: z.boolean().default(true),
  drivers: z.array(z.enum(driverAreas)).default([]),
  custom: z.array(customQuestionSchema).max(20).default([]),
});
export type SurveyQuestions = z.infer<typeof surveyQuestionsSchema>;

export function parseQuestions(json: string): SurveyQuestions {
  return surveyQuestionsSchema.parse(JSON.parse(json));
}

/** The best language a survey offers for a wish (the contact's language, a ?lang= switch), else its default. */
export function pickLanguage(
  offered: readonly string[],
  wanted: (string | null | undefined)[],
  fallback: string,
): SurveyLanguage {
  for (const wish of wanted) {
    const code = wish?.slice(0, 2).toLowerCase();
    if (code && offered.includes(code) && (surveyLanguages as readonly string[]).includes(code))
      return code as SurveyLanguage;
  }
  return ((surveyLanguages as readonly string[]).includes(fallback) ? fallback : "en") as SurveyLanguage;
}

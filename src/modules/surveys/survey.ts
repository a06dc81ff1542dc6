import { z } from "zod";
import { surveyLanguages, surveyQuestionsSchema } from "../../core/survey/questions.js";

export const surveyInputSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(200),
    kind: z.enum(["relationship", "transactional"]).default("relationship"),
    anonymous: z.boolean().default(false),
    default_language: z.enum(surveyLanguages).default("en"),
    languages: z.array(z.enum(surveyLanguages)).min(1).default(["en"]),
    questions: surveyQuestionsSchema.default({ reason: true, drivers: [], custom: [] }),
  })
  .refine((s) => s.languages.includes(s.default_language), {
    message: "must be one of the survey's languages",
    path: ["default_language"],
  });
export type SurveyInput = z.infer<typeof surveyInputSchema>;

export interface SurveyView {
  survey_id: string;
  name: string;
  kind: "relationship" | "transactional";
  anonymous: boolean;
  default_language: string;
  languages: string[];
  questions: z.infer<typeof surveyQuestionsSchema>;
  created_at: string;
  archived_at: string | null;
}

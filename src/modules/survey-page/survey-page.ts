import type { CustomQuestion, DriverArea, SurveyQuestions } from "../../core/survey/questions.js";

export const MAX_REASON_LENGTH = 5_000;
export const MAX_TEXT_ANSWER_LENGTH = 2_000;
/** The "not applicable" choice of a driver rating: the rating is skipped, not stored. */
export const DRIVER_SKIP = "na";

const SCORE_PATTERN = /^(?:10|[0-9])$/;
const DRIVER_PATTERN = /^[1-5]$/;

export type CustomAnswer = string | string[] | number;

/** Validated answers of one response page. */
export interface SurveyAnswers {
  score: number;
  reason: string | null;
  drivers: Partial<Record<DriverArea, number>>;
  custom: Record<string, CustomAnswer>;
}

/** The form as posted (strings only), so a rejected form is shown again exactly as the person left it. */
export interface FormValues {
  score: string | null;
  reason: string;
  drivers: Partial<Record<DriverArea, string>>;
  custom: Record<string, string[]>;
}

export type FieldProblem = "score_required" | "too_long" | "choose_option" | "answer_required";

/** `field` is the form field name, which is also the id of the field's first control. */
export interface FieldError {
  field: string;
  problem: FieldProblem;
  max?: number;
}

export type FormOutcome = { ok: true; answers: SurveyAnswers } | { ok: false; errors: FieldError[] };

export const fieldName = {
  score: "score",
  reason: "reason",
  driver: (area: DriverArea) => `driver_${area}`,
  custom: (id: string) => `q_${id}`,
};

export function emptyFormValues(): FormValues {
  return { score: null, reason: "", drivers: {}, custom: {} };
}

/** Browsers post line breaks as CRLF; one character each keeps the limit equal to the textarea's maxlength. */
function normalizeText(value: string): string {
  return value.replace(/\r\n?/g, "\n");
}

function valuesOf(body: Record<string, unknown>, name: string): string[] {
  const value = body[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => normalizeText(String(item)));
}

/** One value, or "" when a field that takes one arrives repeated (only a tampered form does that). */
function singleValue(body: Record<string, unknown>, name: string): string | null {
  const values = valuesOf(body, name);
  if (values.length === 0) return null;
  return values.length === 1 ? values[0]! : "";
}

/** Reads the posted form; unknown fields are ignored. */
export function readForm(body: unknown, questions: SurveyQuestions): FormValues {
  const fields = (body !== null && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const values: FormValues = {
    score: singleValue(fields, fieldName.score),
    reason: questions.reason ? (singleValue(fields, fieldName.reason) ?? "") : "",
    drivers: {},
    custom: {},
  };
  for (const area of questions.drivers) {
    const value = singleValue(fields, fieldName.driver(area));
    if (value !== null) values.drivers[area] = value;
  }
  for (const question of questions.custom)
    values.custom[question.id] = valuesOf(fields, fieldName.custom(question.id));
  return values;
}

/** Rejects rather than coerces: a score is "0".."10" exactly, ratings are whole numbers on their scale. */
export function validateForm(values: FormValues, questions: SurveyQuestions): FormOutcome {
  const errors: FieldError[] = [];
  const score = values.score !== null && SCORE_PATTERN.test(values.score) ? Number(values.score) : null;
  if (score === null) errors.push({ field: fieldName.score, problem: "score_required" });

  const reason = questions.reason ? values.reason.trim() : "";
  if (reason.length > MAX_REASON_LENGTH)
    errors.push({ field: fieldName.reason, problem: "too_long", max: MAX_REASON_LENGTH });

  const drivers: SurveyAnswers["drivers"] = {};
  for (const area of questions.drivers) {
    const value = values.drivers[area];
    if (value === undefined || value === DRIVER_SKIP) continue;
    if (DRIVER_PATTERN.test(value)) drivers[area] = Number(value);
    else errors.push({ field: fieldName.driver(area), problem: "choose_option" });
  }

  const custom: SurveyAnswers["custom"] = {};
  for (const question of questions.custom) {
    const result = validateCustom(question, values.custom[question.id] ?? []);
    if ("error" in result) errors.push(result.error);
    else if (result.answer !== undefined) custom[question.id] = result.answer;
  }

  if (errors.length > 0 || score === null) return { ok: false, errors };
  return { ok: true, answers: { score, reason: reason === "" ? null : reason, drivers, custom } };
}

function validateCustom(
  question: CustomQuestion,
  posted: string[],
): { answer: CustomAnswer | undefined } | { error: FieldError } {
  const field = fieldName.custom(question.id);
  const given = posted
    .map((value) => (question.type === "text" ? value.trim() : value))
    .filter((v) => v !== "");
  if (given.length === 0) {
    return question.required ? { error: { field, problem: "answer_required" } } : { answer: undefined };
  }
  const optionIds = question.options.map((option) => option.id);
  switch (question.type) {
    case "single":
      return given.length === 1 && optionIds.includes(given[0]!)
        ? { answer: given[0]! }
        : { error: { field, problem: "choose_option" } };
    case "multiple":
      // Stored in the survey's option order, so the same choices always compare equal.
      return given.every((value) => optionIds.includes(value))
        ? { answer: optionIds.filter((id) => given.includes(id)) }
        : { error: { field, problem: "choose_option" } };
    case "rating": {
      const rating = given.length === 1 && /^\d{1,2}$/.test(given[0]!) ? Number(given[0]) : Number.NaN;
      return rating >= 1 && rating <= question.scale
        ? { answer: rating }
        : { error: { field, problem: "choose_option" } };
    }
    case "text":
      return given.length === 1 && given[0]!.length <= MAX_TEXT_ANSWER_LENGTH
        ? { answer: given[0]! }
        : { error: { field, problem: "too_long", max: MAX_TEXT_ANSWER_LENGTH } };
  }
}

/** The stored `answers` JSON; anonymous surveys mark it so readers hide the respondent's identity. */
export function answersJson(answers: SurveyAnswers, anonymous: boolean): string {
  return JSON.stringify({
    drivers: answers.drivers,
    custom: answers.custom,
    ...(anonymous ? { anonymous: true } : {}),
  });
}

/** Reads a stored response back into answers (rows from imports or the demo may lack parts). */
export function answersOfResponse(row: {
  score: number;
  comment: string | null;
  answers: string;
}): SurveyAnswers {
  let stored: { drivers?: unknown; custom?: unknown } = {};
  try {
    stored = JSON.parse(row.answers) as typeof stored;
  } catch {
    // A malformed answers column reads as no answers; the score and comment still stand.
  }
  const isObject = (value: unknown): value is Record<string, unknown> =>
    value !== null && typeof value === "object" && !Array.isArray(value);
  return {
    score: row.score,
    reason: row.comment,
    drivers: (isObject(stored.drivers) ? stored.drivers : {}) as SurveyAnswers["drivers"],
    custom: (isObject(stored.custom) ? stored.custom : {}) as SurveyAnswers["custom"],
  };
}

/** The form prefilled with earlier answers, for editing. */
export function formValuesOf(answers: SurveyAnswers): FormValues {
  const drivers: FormValues["drivers"] = {};
  for (const [area, rating] of Object.entries(answers.drivers)) drivers[area as DriverArea] = String(rating);
  const custom: FormValues["custom"] = {};
  for (const [id, answer] of Object.entries(answers.custom)) custom[id] = [answer].flat().map(String);
  return { score: String(answers.score), reason: answers.reason ?? "", drivers, custom };
}

/** A double submit is recognised by content, whatever the order the answers were stored in. */
export function sameAnswers(a: SurveyAnswers, b: SurveyAnswers): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A score chosen in the email (`?score=9`) preselects only; anything but 0..10 is ignored. */
export function preselectedScore(value: unknown): string | null {
  return typeof value === "string" && SCORE_PATTERN.test(value) ? value : null;
}

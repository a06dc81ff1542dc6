import { describe, expect, it } from "vitest";
import { surveyQuestionsSchema } from "../../core/survey/questions.js";
import {
  answersJson,
  answersOfResponse,
  formValuesOf,
  preselectedScore,
  readForm,
  sameAnswers,
  validateForm,
} from "./survey-page.js";

const questions = surveyQuestionsSchema.parse({
  reason: true,
  drivers: ["enablement", "profitability"],
  custom: [
    {
      id: "region",
      type: "single",
      required: true,
      text: { en: "Where do you sell?", fr: "Où vendez-vous ?" },
      options: [
        { id: "emea", label: { en: "EMEA" } },
        { id: "apac", label: { en: "APAC" } },
      ],
    },
    {
      id: "tools",
      type: "multiple",
      text: { en: "Which tools do you use?" },
      options: [
        { id: "portal", label: { en: "Portal" } },
        { id: "crm", label: { en: "CRM" } },
        { id: "lms", label: { en: "LMS" } },
      ],
    },
    { id: "portal_rating", type: "rating", scale: 4, text: { en: "Rate the portal" } },
    { id: "wish", type: "text", text: { en: "One wish?" } },
  ],
});

const validate = (body: Record<string, unknown>) => validateForm(readForm(body, questions), questions);

describe("response form validation", () => {
  it("accepts a full answer and stores multiple choices in the survey's option order", () => {
    const outcome = validate({
      score: "10",
      reason: "  Great\r\nteam ",
      driver_enablement: "5",
      driver_profitability: "na",
      q_region: "emea",
      q_tools: ["lms", "portal"],
      q_portal_rating: "4",
      q_wish: " More MDF ",
      unknown: "ignored",
    });
    expect(outcome).toEqual({
      ok: true,
      answers: {
        score: 10,
        reason: "Great\nteam",
        drivers: { enablement: 5 },
        custom: { region: "emea", tools: ["portal", "lms"], portal_rating: 4, wish: "More MDF" },
      },
    });
  });

  it.each([["11"], ["abc"], [""], ["9.5"], [" 9"], ["-0"], [["9", "9"]]])(
    "rejects the score %j instead of coercing it",
    (score) => {
      const outcome = validate({ score, q_region: "emea" });
      expect(outcome).toEqual({ ok: false, errors: [{ field: "score", problem: "score_required" }] });
    },
  );

  it("names every field in trouble: long reason, bad rating, missing required choice, unknown option", () => {
    const outcome = validate({
      reason: "x".repeat(5_001),
      driver_enablement: "6",
      q_tools: ["portal", "fax"],
      q_portal_rating: "5",
      q_wish: "w".repeat(2_001),
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? [] : outcome.errors).toEqual([
      { field: "score", problem: "score_required" },
      { field: "reason", problem: "too_long", max: 5_000 },
      { field: "driver_enablement", problem: "choose_option" },
      { field: "q_region", problem: "answer_required" },
      { field: "q_tools", problem: "choose_option" },
      { field: "q_portal_rating", problem: "choose_option" },
      { field: "q_wish", problem: "too_long", max: 2_000 },
    ]);
  });

  it("counts a CRLF line break as one character, like the browser's maxlength", () => {
    const reason = `${"x".repeat(4_998)}\r\ny`;
    expect(validate({ score: "5", reason, q_region: "apac" }).ok).toBe(true);
  });

  it("recognises the same answers whatever the stored key order, and a changed one as different", () => {
    const outcome = validate({
      score: "7",
      driver_profitability: "2",
      driver_enablement: "3",
      q_region: "emea",
    });
    if (!outcome.ok) throw new Error("expected valid");
    const stored = answersOfResponse({
      score: 7,
      comment: null,
      answers: JSON.stringify({ custom: { region: "emea" }, drivers: { profitability: 2, enablement: 3 } }),
    });
    expect(sameAnswers(stored, outcome.answers)).toBe(true);
    expect(sameAnswers(stored, { ...outcome.answers, drivers: { enablement: 3 } })).toBe(false);
    expect(sameAnswers(stored, { ...outcome.answers, reason: "new" })).toBe(false);
  });

  it("round-trips stored answers into a prefilled form, marking anonymous answers", () => {
    const answers = {
      score: 4,
      reason: "Slow",
      drivers: { enablement: 2 },
      custom: { tools: ["crm"], portal_rating: 3 },
    };
    const json = answersJson(answers, true);
    expect(JSON.parse(json)).toMatchObject({ anonymous: true });
    const values = formValuesOf(answersOfResponse({ score: 4, comment: "Slow", answers: json }));
    expect(values).toEqual({
      score: "4",
      reason: "Slow",
      drivers: { enablement: "2" },
      custom: { tools: ["crm"], portal_rating: ["3"] },
    });
    expect(validateForm({ ...values, custom: { ...values.custom, region: ["apac"] } }, questions).ok).toBe(
      true,
    );
  });

  it("reads a malformed stored answers column as no answers", () => {
    expect(answersOfResponse({ score: 8, comment: null, answers: "{not json" })).toEqual({
      score: 8,
      reason: null,
      drivers: {},
      custom: {},
    });
  });

  it("preselects only a score the email can carry", () => {
    expect(preselectedScore("0")).toBe("0");
    expect(preselectedScore("10")).toBe("10");
    for (const value of ["11", "9.0", "nine", "", null, ["9"]]) expect(preselectedScore(value)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import {
  type CommentPlan,
  composeComment,
  DEMO_THEME_IDS,
  DEMO_THEMES,
  detectDemoThemes,
  listCommentTemplates,
  listNeutralPhrases,
} from "./comment-templates.js";
import { createRandom } from "./random.js";

// Every way a template can expand, with sample slot values.
function expansions(template: string): string[] {
  const match = /\[([^\]]*)\]/.exec(template);
  if (!match) {
    return [
      template
        .replace("{unserPm}", "Unsere Partnermanagerin Anna")
        .replace("{nuestroPm}", "Nuestra gerente de canal, Ana")
        .replace(/\{pm\}/g, "Alex")
        .replace(/\{\w+\}/g, "4"),
    ];
  }
  return match[1]!
    .split("|")
    .flatMap((option) =>
      expansions(template.slice(0, match.index) + option + template.slice(match.index + match[0].length)),
    );
}

describe("comment templates", () => {
  it("mention exactly the theme they were written for, in every expansion", () => {
    for (const { theme, text, language, polarity } of listCommentTemplates()) {
      for (const sentence of expansions(text)) {
        expect(detectDemoThemes(sentence), `${polarity} ${language}: ${sentence}`).toEqual([theme]);
      }
    }
  });

  it("cover every theme in all four languages, both ways", () => {
    const templates = listCommentTemplates();
    for (const theme of DEMO_THEME_IDS) {
      for (const language of ["en", "fr", "de", "es"] as const) {
        for (const polarity of ["negative", "positive"] as const) {
          const found = templates.some(
            (t) => t.theme === theme && t.language === language && t.polarity === polarity,
          );
          expect(found, `${theme} ${language} ${polarity}`).toBe(true);
        }
      }
    }
    expect(DEMO_THEMES.map((t) => t.id)).toEqual([...DEMO_THEME_IDS]);
  });

  it("keep openers, closers and connectors free of theme keywords", () => {
    for (const phrase of listNeutralPhrases()) expect(detectDemoThemes(phrase), phrase).toEqual([]);
  });

  it("compose varied comments that keep the planned themes and the manager's name", () => {
    const random = createRandom("comments-test");
    const slots = { partnerManager: "Camille", partnerManagerFemale: true };
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const plan: CommentPlan = {
        tone: "passive",
        language: random.pick(["en", "fr", "de", "es"] as const),
        positive: ["partner_manager"],
        negative: ["deal_registration"],
      };
      const comment = composeComment(random, plan, slots);
      expect(detectDemoThemes(comment)).toEqual(["deal_registration", "partner_manager"]);
      expect(comment).toContain("Camille");
      expect(comment).not.toMatch(/[{}[\]]/);
      seen.add(comment);
    }
    expect(seen.size).toBeGreaterThan(30);
  });

  it("detect keywords regardless of case and accents", () => {
    expect(detectDemoThemes("DELAIS D'ENREGISTREMENT DES OPPORTUNITES")).toEqual(["deal_registration"]);
    expect(detectDemoThemes("Los margenes son bajos")).toEqual(["profitability"]);
    expect(detectDemoThemes("Nothing to report.")).toEqual([]);
  });
});

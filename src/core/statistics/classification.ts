import { InvalidScoreError } from "./errors.js";
import type { NpsCategory, NpsCounts } from "./types.js";

// Rejects instead of coercing: "9", 8.5 or 11 are data errors the caller must see.
export function assertScore(score: unknown): asserts score is number {
  if (typeof score !== "number" || Number.isNaN(score)) throw new InvalidScoreError(score, "not_a_number");
  if (!Number.isInteger(score)) throw new InvalidScoreError(score, "not_an_integer");
  if (score < 0 || score > 10) throw new InvalidScoreError(score, "out_of_range");
}

export function classifyScore(score: number): NpsCategory {
  assertScore(score);
  if (score >= 9) return "promoter";
  if (score >= 7) return "passive";
  return "detractor";
}

export function countScores(scores: Iterable<number>): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const score of scores) {
    const category = classifyScore(score);
    if (category === "promoter") counts.promoters += 1;
    else if (category === "passive") counts.passives += 1;
    else counts.detractors += 1;
  }
  return counts;
}

import {
  InvalidConfidenceError,
  InvalidCountsError,
  InvalidMethodError,
  InvalidParameterError,
} from "./errors.js";
import type { NpsCounts } from "./types.js";

const CATEGORY_KEYS = ["promoters", "passives", "detractors"] as const;

/** Counts are whole numbers, except the effective (weighted) counts of partner- and revenue-weighted figures. */
export function assertCounts(counts: NpsCounts, label = "counts", allowFractional = false): void {
  if (typeof counts !== "object" || counts === null) {
    throw new InvalidCountsError(`${label} must be an object with promoters, passives and detractors`);
  }
  for (const key of CATEGORY_KEYS) {
    const value: unknown = counts[key];
    const whole = allowFractional ? Number.isFinite(value) : Number.isSafeInteger(value);
    if (typeof value !== "number" || !whole || value < 0) {
      throw new InvalidCountsError(
        `${label}.${key} must be a non-negative whole number, got ${String(value)}`,
        {
          field: key,
          value,
        },
      );
    }
  }
}

export function assertConfidence(confidence: unknown): asserts confidence is number {
  if (typeof confidence !== "number" || !Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw new InvalidConfidenceError(confidence);
  }
}

export function assertMethod<T extends string>(method: unknown, allowed: readonly T[]): asserts method is T {
  if (typeof method !== "string" || !(allowed as readonly string[]).includes(method)) {
    throw new InvalidMethodError(method, allowed);
  }
}

export function assertPositiveWeights(weights: NpsCounts, parameter: string, allowZero: boolean): void {
  if (typeof weights !== "object" || weights === null) {
    throw new InvalidParameterError(parameter, "expected promoters, passives and detractors");
  }
  for (const key of CATEGORY_KEYS) {
    const value: unknown = weights[key];
    const ok = typeof value === "number" && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0);
    if (!ok) {
      throw new InvalidParameterError(
        parameter,
        `${key} must be a finite number ${allowZero ? ">= 0" : "> 0"}, got ${String(value)}`,
      );
    }
  }
}

export function assertThreshold(threshold: unknown): asserts threshold is number {
  if (typeof threshold !== "number" || !Number.isSafeInteger(threshold) || threshold < 0) {
    throw new InvalidParameterError("small-sample threshold", "it must be a non-negative whole number");
  }
}

export function totalOf(counts: NpsCounts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

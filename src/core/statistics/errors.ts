import { DomainError } from "../errors.js";

export { DomainError };

export type InvalidScoreReason = "not_a_number" | "not_an_integer" | "out_of_range";

const SCORE_REASON_TEXT: Record<InvalidScoreReason, string> = {
  not_a_number: "a score must be a number",
  not_an_integer: "a score must be a whole number",
  out_of_range: "a score must be between 0 and 10",
};

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  return `a value of type ${typeof value}`;
}

export class InvalidScoreError extends DomainError {
  constructor(
    readonly value: unknown,
    readonly reason: InvalidScoreReason,
  ) {
    super("invalid_score", `Invalid score ${describeValue(value)}: ${SCORE_REASON_TEXT[reason]}`, {
      value,
      reason,
    });
  }
}

export class InvalidCountsError extends DomainError {
  constructor(
    readonly reason: string,
    details?: unknown,
  ) {
    super("invalid_counts", `Invalid counts: ${reason}`, details);
  }
}

export class InvalidConfidenceError extends DomainError {
  constructor(readonly value: unknown) {
    super(
      "invalid_confidence",
      `Invalid confidence level ${describeValue(value)}: it must be a number strictly between 0 and 1`,
      { value },
    );
  }
}

export class InvalidMethodError extends DomainError {
  constructor(
    readonly value: unknown,
    readonly allowed: readonly string[],
  ) {
    super("invalid_method", `Unknown method ${describeValue(value)}: use one of ${allowed.join(", ")}`, {
      value,
      allowed,
    });
  }
}

export class InvalidParameterError extends DomainError {
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super("invalid_parameter", `Invalid ${parameter}: ${reason}`, { parameter, reason });
  }
}

import { describe, expect, it } from "vitest";
import { computeBackoffMs, DEFAULT_BACKOFF, describeJobError, redactSecrets } from "./job.js";

const exact = { ...DEFAULT_BACKOFF, jitter: false };

describe("computeBackoffMs", () => {
  it("doubles from 2 s after each failed attempt", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => computeBackoffMs(attempt, exact))).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000,
    ]);
  });

  it("never exceeds the cap", () => {
    expect(computeBackoffMs(30, { ...exact, maxMs: 60_000 })).toBe(60_000);
  });

  it("with jitter stays between half and all of the exact delay", () => {
    expect(computeBackoffMs(3, DEFAULT_BACKOFF, () => 0)).toBe(4_000);
    expect(computeBackoffMs(3, DEFAULT_BACKOFF, () => 0.999_999)).toBe(8_000);
  });
});

describe("redactSecrets", () => {
  it("masks the password in URLs but keeps the user and host", () => {
    expect(redactSecrets("connect failed: smtp://user:pass@host:587")).toBe(
      "connect failed: smtp://user:***@host:587",
    );
    expect(redactSecrets("postgres://app:s3cr%40t@db/x and https://u:p@h")).toBe(
      "postgres://app:***@db/x and https://u:***@h",
    );
  });

  it("masks secret query parameters and authorization tokens", () => {
    expect(redactSecrets("GET https://hook.example/x?api_key=abc123&page=2 failed")).toBe(
      "GET https://hook.example/x?api_key=***&page=2 failed",
    );
    expect(redactSecrets("sent Authorization: Bearer eyJhbGciOi.J9")).toBe("sent Authorization: Bearer ***");
  });

  it("leaves URLs without credentials alone", () => {
    const text = "POST http://localhost:8080/path@v2 returned 500";
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("describeJobError", () => {
  it("names typed errors, stringifies thrown values and redacts both", () => {
    expect(describeJobError(new TypeError("bad smtp://a:b@c"))).toBe("TypeError: bad smtp://a:***@c");
    expect(describeJobError(new Error("plain"))).toBe("plain");
    expect(describeJobError("text thrown")).toBe("text thrown");
  });

  it("keeps stored errors short", () => {
    expect(describeJobError(new Error("x".repeat(10_000))).length).toBe(2_000);
  });
});

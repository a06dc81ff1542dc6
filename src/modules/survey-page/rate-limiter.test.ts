import { describe, expect, it } from "vitest";
import { ManualClock } from "../../core/clock.js";
import { createPublicRateLimiter, DEFAULT_PUBLIC_RATE_LIMITS, TokenBucketLimiter } from "./rate-limiter.js";

describe("token bucket rate limiter", () => {
  it("allows a burst up to the limit, then refills continuously and tells how long to wait", () => {
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const limiter = new TokenBucketLimiter({ requests: 10, windowMs: 60_000 }, clock);
    for (let i = 0; i < 10; i++) expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 6 });
    expect(limiter.take("b").allowed).toBe(true);
    clock.advance(5_999);
    expect(limiter.take("a").allowed).toBe(false);
    clock.advance(1);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    clock.advance(10 * 60_000);
    for (let i = 0; i < 10; i++) expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("keeps at most maxKeys buckets, forgetting the least recently used", () => {
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const limiter = new TokenBucketLimiter({ requests: 1, windowMs: 60_000 }, clock, 3);
    for (const key of ["a", "b", "c"]) limiter.take(key);
    expect(limiter.take("a").allowed).toBe(false);
    limiter.take("d");
    expect(limiter.size).toBe(3);
    // "b" was the least recently used, so it starts over with a full bucket; "a" is still limited.
    expect(limiter.take("b").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("limits reads and writes separately, per client address and per link token", () => {
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const decide = createPublicRateLimiter(
      { ...DEFAULT_PUBLIC_RATE_LIMITS, writePerClient: { requests: 3, windowMs: 60_000 } },
      clock,
    );
    const request = (method: string, clientAddress: string, token: string) =>
      decide({ method, clientAddress, token }).allowed;
    for (let i = 0; i < 10; i++) expect(request("POST", `10.0.0.${i}`, "t1")).toBe(true);
    expect(request("POST", "10.0.0.99", "t1")).toBe(false);
    expect(request("GET", "10.0.0.99", "t1")).toBe(true);
    for (const token of ["t2", "t3", "t4"]) expect(request("POST", "10.0.0.50", token)).toBe(true);
    expect(request("POST", "10.0.0.50", "t5")).toBe(false);
    expect(request("HEAD", "10.0.0.50", "t5")).toBe(true);
  });
});

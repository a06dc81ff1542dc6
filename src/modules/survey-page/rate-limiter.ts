import type { Clock } from "../../core/clock.js";

/** `requests` per `windowMs`, refilled continuously (a token bucket holding at most `requests`). */
export interface RateLimit {
  requests: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * In-memory token buckets: losing them on a restart only forgives a few requests. The map is kept in
 * least-recently-used order and capped, so a flood of distinct keys cannot grow memory without bound.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
    private readonly maxKeys = 50_000,
  ) {
    if (!(limit.requests >= 1 && limit.windowMs > 0))
      throw new Error("A rate limit needs requests ≥ 1 per window");
    this.refillPerMs = limit.requests / limit.windowMs;
  }

  take(key: string): RateDecision {
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(key);
    let tokens = this.limit.requests;
    if (bucket) {
      tokens = Math.min(
        this.limit.requests,
        bucket.tokens + Math.max(0, now - bucket.updatedMs) * this.refillPerMs,
      );
      this.buckets.delete(key);
    }
    const allowed = tokens >= 1;
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, updatedMs: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
    if (allowed) return { allowed: true };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000)),
    };
  }

  get size(): number {
    return this.buckets.size;
  }
}

/** Limits of the public survey endpoints, per client address and per link token. */
export interface PublicRateLimits {
  readPerClient: RateLimit;
  readPerToken: RateLimit;
  writePerClient: RateLimit;
  writePerToken: RateLimit;
}

const MINUTE = 60_000;

// Per client is generous: a partner company's contacts may all sit behind one NAT address.
export const DEFAULT_PUBLIC_RATE_LIMITS: PublicRateLimits = Object.freeze({
  readPerClient: { requests: 300, windowMs: MINUTE },
  readPerToken: { requests: 60, windowMs: MINUTE },
  writePerClient: { requests: 60, windowMs: MINUTE },
  writePerToken: { requests: 10, windowMs: MINUTE },
});

/** One decision per request: a read (GET, HEAD) or a write (anything else), by client and by token. */
export function createPublicRateLimiter(limits: PublicRateLimits, clock: Clock) {
  const limiters = {
    readPerClient: new TokenBucketLimiter(limits.readPerClient, clock),
    readPerToken: new TokenBucketLimiter(limits.readPerToken, clock),
    writePerClient: new TokenBucketLimiter(limits.writePerClient, clock),
    writePerToken: new TokenBucketLimiter(limits.writePerToken, clock),
  };
  return (request: { method: string; clientAddress: string; token: string }): RateDecision => {
    const read = request.method === "GET" || request.method === "HEAD";
    const byClient = (read ? limiters.readPerClient : limiters.writePerClient).take(request.clientAddress);
    const byToken = (read ? limiters.readPerToken : limiters.writePerToken).take(request.token);
    if (byClient.allowed) return byToken;
    if (byToken.allowed) return byClient;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(byClient.retryAfterSeconds, byToken.retryAfterSeconds),
    };
  };
}

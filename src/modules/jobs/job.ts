import type { JobStatus, JobTable } from "../../db/schema.js";

export type { JobStatus };

/** A jobs row as stored: payload and result are JSON text, timestamps ISO-8601 UTC text. */
export type JobRow = JobTable;

export const JOB_STATUSES: readonly JobStatus[] = ["queued", "running", "done", "dead"];

export const DEFAULT_MAX_ATTEMPTS = 8;

/** What a handler may return; stored as JSON in `result`. */
export type JobResult = Record<string, unknown>;

export interface JobContext<TPayload = unknown> {
  job: JobRow;
  payload: TPayload;
  /** Aborted when this worker loses the job's lease or a stop deadline passes. */
  signal: AbortSignal;
  /** 1-based number of this attempt. */
  attempt: number;
}

// `void` lets plain `async () => {}` handlers register without returning anything.
export type JobHandler<TPayload = unknown> = (
  context: JobContext<TPayload>,
) => Promise<JobResult | undefined> | Promise<void> | JobResult | undefined | void;

export interface BackoffPolicy {
  baseMs: number;
  factor: number;
  maxMs: number;
  /** Spread retries of jobs that failed together; tests turn it off to get exact times. */
  jitter: boolean;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({
  baseMs: 2_000,
  factor: 2,
  maxMs: 15 * 60_000,
  jitter: true,
});

/** Delay before the next attempt after `failedAttempt` (1-based) failed. */
export function computeBackoffMs(
  failedAttempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponential = policy.baseMs * policy.factor ** Math.max(0, failedAttempt - 1);
  const capped = Math.min(policy.maxMs, exponential);
  // Equal jitter: keep at least half the delay so retries still back off.
  return Math.round(policy.jitter ? capped / 2 + (random() * capped) / 2 : capped);
}

const MAX_ERROR_LENGTH = 2_000;

/** Credentials never reach the jobs table or the logs: URL passwords, secret query params, bearer tokens. */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, "$1:***@")
    .replace(/([?&;](?:password|passwd|pwd|pass|token|access_token|secret|api_?key|key)=)[^&\s#]+/gi, "$1***")
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, "$1 ***");
}

/** A one-line, redacted, bounded description of anything a handler threw. */
export function describeJobError(error: unknown): string {
  const text =
    error instanceof Error
      ? error.name && error.name !== "Error"
        ? `${error.name}: ${error.message}`
        : error.message
      : String(error);
  const redacted = redactSecrets(text);
  return redacted.length > MAX_ERROR_LENGTH ? `${redacted.slice(0, MAX_ERROR_LENGTH - 1)}…` : redacted;
}

/** A job as the CLI and API show it. */
export interface JobSummary {
  organizationId: string;
  jobId: string;
  kind: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  dedupeKey: string | null;
  runAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export function toJobSummary(row: JobRow): JobSummary {
  return {
    organizationId: row.organization_id,
    jobId: row.job_id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    dedupeKey: row.dedupe_key,
    runAt: row.run_at,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

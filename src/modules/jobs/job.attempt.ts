import type { Kysely } from "kysely";
import type { Clock } from "../../core/clock.js";
import { DomainError } from "../../core/errors.js";
import type { Database } from "../../db/schema.js";
import {
  type BackoffPolicy,
  computeBackoffMs,
  describeJobError,
  type JobHandler,
  type JobRow,
} from "./job.js";
import { buryJob, completeJob, type JobFence, renewLease, rescheduleJob } from "./job.repository.js";

/** The part of pino the runner uses, so a pino logger (or a test spy) fits as is. */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** `lost`: another worker took the job over after this one's lease expired, so its outcome was discarded. */
export type JobOutcome = "done" | "retried" | "dead" | "lost";

export class UnknownJobKindError extends DomainError {
  constructor(kind: string) {
    super("unknown_job_kind", `No handler is registered for job kind "${kind}"`, { kind });
  }
}

export class JobLeaseLostError extends DomainError {
  constructor(jobId: string) {
    super("job_lease_lost", `The lease on job ${jobId} was lost to another worker`, { jobId });
  }
}

export interface AttemptSettings {
  db: Kysely<Database>;
  clock: Clock;
  logger: JobLogger;
  workerId: string;
  leaseMs: number;
  heartbeatIntervalMs: number;
  backoff: BackoffPolicy;
  random: () => number;
}

interface Attempt extends AttemptSettings {
  job: JobRow;
  fence: JobFence;
  log: { organizationId: string; jobId: string; kind: string; attempt: number; workerId: string };
}

type HandlerOutcome = { ok: true; result: string | null } | { ok: false; error: unknown };

/**
 * Runs one claimed job (its `attempts` already counts this attempt) while renewing its lease, then
 * records the outcome. Never throws: a failure to record is logged and the lease expiry retries the job.
 */
export async function runAttempt(
  job: JobRow,
  handler: JobHandler | undefined,
  controller: AbortController,
  settings: AttemptSettings,
): Promise<JobOutcome> {
  const fence: JobFence = {
    organizationId: job.organization_id,
    jobId: job.job_id,
    workerId: settings.workerId,
    attempts: job.attempts,
  };
  const attempt: Attempt = {
    ...settings,
    job,
    fence,
    log: { ...fence, kind: job.kind, attempt: job.attempts },
  };
  const outcome: HandlerOutcome =
    job.attempts > job.max_attempts
      ? // Workers kept dying mid-job (each claim counts as an attempt): stop feeding it to new workers.
        {
          ok: false,
          error: new Error(
            `Abandoned after ${job.max_attempts} attempts whose workers stopped before finishing`,
          ),
        }
      : await invokeWithHeartbeat(attempt, handler, controller);
  try {
    return outcome.ok ? await succeed(attempt, outcome.result) : await fail(attempt, outcome.error);
  } catch (error) {
    settings.logger.error(
      { ...attempt.log, error: describeJobError(error) },
      "Could not record the job's outcome; it runs again once its lease expires",
    );
    return "lost";
  }
}

async function invokeWithHeartbeat(
  attempt: Attempt,
  handler: JobHandler | undefined,
  controller: AbortController,
): Promise<HandlerOutcome> {
  const heartbeat = setInterval(() => void renew(attempt, controller), attempt.heartbeatIntervalMs);
  heartbeat.unref();
  try {
    if (!handler) throw new UnknownJobKindError(attempt.job.kind);
    const payload: unknown = JSON.parse(attempt.job.payload);
    const result = await handler({
      job: attempt.job,
      payload,
      signal: controller.signal,
      attempt: attempt.job.attempts,
    });
    return { ok: true, result: result ? JSON.stringify(result) : null };
  } catch (error) {
    return { ok: false, error };
  } finally {
    clearInterval(heartbeat);
  }
}

async function renew(attempt: Attempt, controller: AbortController): Promise<void> {
  if (controller.signal.aborted) return;
  try {
    const lockedUntil = new Date(attempt.clock.now().getTime() + attempt.leaseMs).toISOString();
    if (await renewLease(attempt.db, attempt.fence, lockedUntil)) return;
    attempt.logger.warn(attempt.log, "Lost the job's lease; aborting its handler");
    controller.abort(new JobLeaseLostError(attempt.job.job_id));
  } catch (error) {
    attempt.logger.warn(
      { ...attempt.log, error: describeJobError(error) },
      "Could not renew the job's lease",
    );
  }
}

async function succeed(attempt: Attempt, result: string | null): Promise<JobOutcome> {
  const finishedAt = attempt.clock.now().toISOString();
  if (!(await completeJob(attempt.db, attempt.fence, { result, finishedAt }))) return lost(attempt);
  attempt.logger.info(attempt.log, "Job done");
  return "done";
}

async function fail(attempt: Attempt, error: unknown): Promise<JobOutcome> {
  const { job, fence, db, logger, log } = attempt;
  const lastError = describeJobError(error);
  const now = attempt.clock.now();
  if (job.attempts >= job.max_attempts) {
    if (!(await buryJob(db, fence, { lastError, finishedAt: now.toISOString() }))) return lost(attempt);
    logger.error({ ...log, error: lastError }, "Job failed its last attempt and is dead");
    return "dead";
  }
  const delayMs = computeBackoffMs(job.attempts, attempt.backoff, attempt.random);
  const runAt = new Date(now.getTime() + delayMs).toISOString();
  if (!(await rescheduleJob(db, fence, { lastError, runAt }))) return lost(attempt);
  logger.warn({ ...log, error: lastError, runAt }, "Job failed; it will be retried");
  return "retried";
}

function lost(attempt: Attempt): JobOutcome {
  attempt.logger.warn(attempt.log, "Job outcome discarded: another worker took over after the lease expired");
  return "lost";
}

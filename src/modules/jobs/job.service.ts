import type { Kysely } from "kysely";
import { type Clock, systemClock } from "../../core/clock.js";
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import type { Database } from "../../db/schema.js";
import {
  DEFAULT_MAX_ATTEMPTS,
  JOB_STATUSES,
  type JobRow,
  type JobStatus,
  type JobSummary,
  toJobSummary,
} from "./job.js";
import {
  cancelQueuedJob,
  findJob,
  insertJob,
  type JobExecutor,
  listJobRows,
  requeueDeadJob,
} from "./job.repository.js";

export interface EnqueueJobInput {
  organizationId: string;
  kind: string;
  /** Any JSON-serializable value; handlers receive it parsed. */
  payload?: unknown;
  /** Same key in the same organization → the existing job is returned instead of a new one, forever. */
  dedupeKey?: string | null;
  /** Not before this time; defaults to now. */
  runAt?: string | Date;
  maxAttempts?: number;
}

export interface EnqueueResult {
  job: JobRow;
  /** False when a job with the same dedupe key already existed. */
  created: boolean;
}

/** Enqueues through `executor`: pass the caller's transaction so the job commits or rolls back with it. */
export async function enqueueJob(
  executor: JobExecutor,
  input: EnqueueJobInput,
  clock: Clock = systemClock,
): Promise<EnqueueResult> {
  const now = clock.now();
  const issues: FieldIssue[] = [];
  if (!input.organizationId) issues.push({ field: "organizationId", message: "is required" });
  if (!input.kind?.trim()) issues.push({ field: "kind", message: "is required" });
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    issues.push({ field: "maxAttempts", message: "must be a whole number of at least 1" });
  }
  const runAt = input.runAt === undefined ? now : new Date(input.runAt);
  if (Number.isNaN(runAt.getTime()))
    issues.push({ field: "runAt", message: "must be a valid date and time" });
  const payload = serializePayload(input.payload ?? {}, issues);
  if (issues.length > 0) throw new ValidationError("The job cannot be enqueued", issues);

  return insertJob(executor, {
    organization_id: input.organizationId,
    job_id: newId(now.getTime()),
    kind: input.kind,
    payload,
    status: "queued",
    dedupe_key: input.dedupeKey ?? null,
    attempts: 0,
    max_attempts: maxAttempts,
    run_at: runAt.toISOString(),
    locked_by: null,
    locked_until: null,
    last_error: null,
    result: null,
    created_at: now.toISOString(),
    finished_at: null,
  });
}

function serializePayload(payload: unknown, issues: FieldIssue[]): string {
  try {
    const text = JSON.stringify(payload);
    if (typeof text === "string") return text;
  } catch {
    // Reported below as a validation issue.
  }
  issues.push({ field: "payload", message: "must be JSON-serializable" });
  return "";
}

export interface ListJobsFilter {
  /** One of queued, running, done, dead (validated, so the CLI can pass user input as is). */
  status?: string | undefined;
  kind?: string | undefined;
  limit?: number | undefined;
}

export const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 1_000;

/** Newest first; `organizationId` null lists every organization (operator CLI). */
export async function listJobs(
  db: Kysely<Database>,
  organizationId: string | null,
  filter: ListJobsFilter = {},
): Promise<JobSummary[]> {
  const issues: FieldIssue[] = [];
  let status: JobStatus | undefined;
  if (filter.status !== undefined) {
    if (isJobStatus(filter.status)) status = filter.status;
    else issues.push({ field: "status", message: `must be one of ${JOB_STATUSES.join(", ")}` });
  }
  const limit = filter.limit ?? DEFAULT_LIST_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    issues.push({ field: "limit", message: `must be a whole number from 1 to ${MAX_LIST_LIMIT}` });
  }
  if (issues.length > 0) throw new ValidationError("Invalid job filter", issues);
  const rows = await listJobRows(db, {
    organizationId,
    status,
    kind: filter.kind,
    limit,
  });
  return rows.map(toJobSummary);
}

export function isJobStatus(value: string): value is JobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}

export async function getJob(
  db: Kysely<Database>,
  organizationId: string,
  jobId: string,
): Promise<JobSummary> {
  const row = await findJob(db, organizationId, jobId);
  if (!row) throw new NotFoundError("Job", jobId);
  return toJobSummary(row);
}

/** Gives a dead job a fresh attempt budget and makes it due now. */
export async function retryJob(
  db: Kysely<Database>,
  organizationId: string,
  jobId: string,
  clock: Clock = systemClock,
): Promise<JobSummary> {
  if (!(await requeueDeadJob(db, organizationId, jobId, clock.now().toISOString()))) {
    const current = await getJob(db, organizationId, jobId);
    throw new ConflictError(`Job ${jobId} is ${current.status}; only dead jobs can be retried`, {
      status: current.status,
    });
  }
  return getJob(db, organizationId, jobId);
}

/** Cancels a queued job (it becomes dead with the reason as last_error); running jobs cannot be cancelled. */
export async function cancelJob(
  db: Kysely<Database>,
  organizationId: string,
  jobId: string,
  options: { reason?: string; clock?: Clock } = {},
): Promise<JobSummary> {
  const finishedAt = (options.clock ?? systemClock).now().toISOString();
  const lastError = `Cancelled${options.reason ? `: ${options.reason}` : ""}`;
  if (!(await cancelQueuedJob(db, organizationId, jobId, { lastError, finishedAt }))) {
    const current = await getJob(db, organizationId, jobId);
    throw new ConflictError(`Job ${jobId} is ${current.status}; only queued jobs can be cancelled`, {
      status: current.status,
    });
  }
  return getJob(db, organizationId, jobId);
}

import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import type { JobRow, JobStatus } from "./job.js";

/** Jobs are enqueued through the caller's transaction when they must commit with the caller's writes. */
export type JobExecutor = Kysely<Database> | Transaction<Database>;

/** Identifies one claim of a job: a worker's writes apply only while it still holds that claim. */
export interface JobFence {
  organizationId: string;
  jobId: string;
  workerId: string;
  /** The attempt number set by the claim; a later claim of the same job changes it. */
  attempts: number;
}

/** Inserts the job unless its (organization, dedupe key) exists; returns the stored job either way. */
export async function insertJob(
  executor: JobExecutor,
  row: JobRow,
): Promise<{ job: JobRow; created: boolean }> {
  await executor
    .insertInto("jobs")
    .values(row)
    .onConflict((conflict) => conflict.columns(["organization_id", "dedupe_key"]).doNothing())
    .execute();
  if (row.dedupe_key === null) return { job: row, created: true };
  const stored = await executor
    .selectFrom("jobs")
    .selectAll()
    .where("organization_id", "=", row.organization_id)
    .where("dedupe_key", "=", row.dedupe_key)
    .executeTakeFirstOrThrow();
  return { job: stored, created: stored.job_id === row.job_id };
}

export async function findJob(
  executor: JobExecutor,
  organizationId: string,
  jobId: string,
): Promise<JobRow | undefined> {
  return executor
    .selectFrom("jobs")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("job_id", "=", jobId)
    .executeTakeFirst();
}

export interface JobListFilter {
  organizationId: string | null;
  status?: JobStatus | undefined;
  kind?: string | undefined;
  limit: number;
}

export async function listJobRows(executor: JobExecutor, filter: JobListFilter): Promise<JobRow[]> {
  let query = executor.selectFrom("jobs").selectAll();
  if (filter.organizationId !== null) query = query.where("organization_id", "=", filter.organizationId);
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.kind !== undefined) query = query.where("kind", "=", filter.kind);
  return query.orderBy("created_at", "desc").orderBy("job_id", "desc").limit(filter.limit).execute();
}

/** Queued jobs that are due, and running jobs whose worker let the lease expire, oldest first. */
export async function selectClaimableJobs(
  executor: JobExecutor,
  now: string,
  limit: number,
): Promise<JobRow[]> {
  return executor
    .selectFrom("jobs")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", now)]),
        eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)]),
      ]),
    )
    .orderBy("run_at")
    .orderBy("job_id")
    .limit(limit)
    .execute();
}

export interface ClaimRequest {
  organizationId: string;
  jobId: string;
  /** Attempts seen when the job was selected: the update is a compare-and-swap on it. */
  expectedAttempts: number;
  workerId: string;
  now: string;
  lockedUntil: string;
}

/** Optimistic claim: exactly one concurrent caller updates the row, on SQLite and PostgreSQL alike. */
export async function claimJob(executor: JobExecutor, claim: ClaimRequest): Promise<boolean> {
  const result = await executor
    .updateTable("jobs")
    .set((eb) => ({
      status: "running",
      locked_by: claim.workerId,
      locked_until: claim.lockedUntil,
      attempts: eb("attempts", "+", 1),
    }))
    .where("organization_id", "=", claim.organizationId)
    .where("job_id", "=", claim.jobId)
    .where("attempts", "=", claim.expectedAttempts)
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "queued"), eb("run_at", "<=", claim.now)]),
        eb.and([eb("status", "=", "running"), eb("locked_until", "<", claim.now)]),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

type JobChanges = Partial<
  Pick<JobRow, "status" | "run_at" | "locked_by" | "locked_until" | "last_error" | "result" | "finished_at">
>;

/** Applies `changes` only while the worker still holds this claim; false means the lease was lost. */
async function updateClaimed(executor: JobExecutor, fence: JobFence, changes: JobChanges): Promise<boolean> {
  const result = await executor
    .updateTable("jobs")
    .set(changes)
    .where("organization_id", "=", fence.organizationId)
    .where("job_id", "=", fence.jobId)
    .where("status", "=", "running")
    .where("locked_by", "=", fence.workerId)
    .where("attempts", "=", fence.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export function renewLease(executor: JobExecutor, fence: JobFence, lockedUntil: string): Promise<boolean> {
  return updateClaimed(executor, fence, { locked_until: lockedUntil });
}

export function completeJob(
  executor: JobExecutor,
  fence: JobFence,
  outcome: { result: string | null; finishedAt: string },
): Promise<boolean> {
  // locked_by stays as a record of which worker ran the job.
  return updateClaimed(executor, fence, {
    status: "done",
    result: outcome.result,
    finished_at: outcome.finishedAt,
    locked_until: null,
  });
}

export function rescheduleJob(
  executor: JobExecutor,
  fence: JobFence,
  outcome: { lastError: string; runAt: string },
): Promise<boolean> {
  return updateClaimed(executor, fence, {
    status: "queued",
    run_at: outcome.runAt,
    last_error: outcome.lastError,
    locked_by: null,
    locked_until: null,
  });
}

export function buryJob(
  executor: JobExecutor,
  fence: JobFence,
  outcome: { lastError: string; finishedAt: string },
): Promise<boolean> {
  return updateClaimed(executor, fence, {
    status: "dead",
    last_error: outcome.lastError,
    finished_at: outcome.finishedAt,
    locked_until: null,
  });
}

/** Puts a dead job back in the queue with a fresh attempt budget; false if it is not dead. */
export async function requeueDeadJob(
  executor: JobExecutor,
  organizationId: string,
  jobId: string,
  now: string,
): Promise<boolean> {
  const result = await executor
    .updateTable("jobs")
    .set({
      status: "queued",
      attempts: 0,
      run_at: now,
      locked_by: null,
      locked_until: null,
      finished_at: null,
    })
    .where("organization_id", "=", organizationId)
    .where("job_id", "=", jobId)
    .where("status", "=", "dead")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Cancels a job no worker holds; false if it is not queued. */
export async function cancelQueuedJob(
  executor: JobExecutor,
  organizationId: string,
  jobId: string,
  outcome: { lastError: string; finishedAt: string },
): Promise<boolean> {
  const result = await executor
    .updateTable("jobs")
    .set({ status: "dead", last_error: outcome.lastError, finished_at: outcome.finishedAt })
    .where("organization_id", "=", organizationId)
    .where("job_id", "=", jobId)
    .where("status", "=", "queued")
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Finished jobs are kept a while for `jobs list`, then removed so the outbox table stays small. */
export async function pruneFinishedJobs(executor: JobExecutor, before: string): Promise<number> {
  const result = await executor
    .deleteFrom("jobs")
    .where("status", "=", "done")
    .where("finished_at", "<", before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

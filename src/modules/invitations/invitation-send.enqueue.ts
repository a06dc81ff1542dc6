import { type Clock, systemClock } from "../../core/clock.js";
import { newId } from "../../core/ids.js";
import type { JobRow } from "../jobs/job.js";
import type { JobExecutor } from "../jobs/job.repository.js";

export const INVITATION_SEND_JOB = "invitation.send";
export const INVITATION_REMIND_JOB = "invitation.remind";
/** With the runner's backoff (2 s doubling, capped at 15 min) a mail keeps trying for about 45 minutes. */
const MAIL_JOB_MAX_ATTEMPTS = 12;

/**
 * Queues the first mail of each invitation, in the caller's transaction (the one inserting them). The
 * dedupe key `invite:{invitationId}` makes a second launch of the same invitations queue nothing.
 * Returns how many jobs were new.
 */
export function enqueueInvitationSend(
  executor: JobExecutor,
  organizationId: string,
  invitationIds: readonly string[],
  options: { clock?: Clock; runAt?: Date | string } = {},
): Promise<number> {
  const clock = options.clock ?? systemClock;
  const runAt = new Date(options.runAt ?? clock.now()).toISOString();
  return insertMailJobs(
    executor,
    [...new Set(invitationIds)].map((invitationId) => ({
      organizationId,
      kind: INVITATION_SEND_JOB,
      payload: { invitationId },
      dedupeKey: `invite:${invitationId}`,
      runAt,
    })),
    clock,
  );
}

/** Queues reminder n at its time, deduplicated by `remind:{n}:{invitationId}`. */
export function enqueueInvitationReminders(
  executor: JobExecutor,
  organizationId: string,
  invitationId: string,
  reminders: readonly { reminder: number; runAt: string }[],
  options: { clock?: Clock } = {},
): Promise<number> {
  return insertMailJobs(
    executor,
    reminders.map(({ reminder, runAt }) => ({
      organizationId,
      kind: INVITATION_REMIND_JOB,
      payload: { invitationId, reminder },
      dedupeKey: `remind:${reminder}:${invitationId}`,
      runAt,
    })),
    options.clock ?? systemClock,
  );
}

interface MailJob {
  organizationId: string;
  kind: string;
  payload: object;
  dedupeKey: string;
  runAt: string;
}

/** Chunked so a 5,000-invitation wave is a few statements, within SQLite's bind-parameter limit. */
const JOBS_PER_STATEMENT = 500;

async function insertMailJobs(
  executor: JobExecutor,
  jobs: readonly MailJob[],
  clock: Clock,
): Promise<number> {
  const now = clock.now();
  const rows: JobRow[] = jobs.map((job) => ({
    organization_id: job.organizationId,
    job_id: newId(now.getTime()),
    kind: job.kind,
    payload: JSON.stringify(job.payload),
    status: "queued",
    dedupe_key: job.dedupeKey,
    attempts: 0,
    max_attempts: MAIL_JOB_MAX_ATTEMPTS,
    run_at: job.runAt,
    locked_by: null,
    locked_until: null,
    last_error: null,
    result: null,
    created_at: now.toISOString(),
    finished_at: null,
  }));
  let created = 0;
  for (let start = 0; start < rows.length; start += JOBS_PER_STATEMENT) {
    const result = await executor
      .insertInto("jobs")
      .values(rows.slice(start, start + JOBS_PER_STATEMENT))
      .onConflict((conflict) => conflict.columns(["organization_id", "dedupe_key"]).doNothing())
      .executeTakeFirst();
    created += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return created;
}

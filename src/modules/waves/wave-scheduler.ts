import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import { enqueueCasesTick } from "../alerts/case-calendar.js";
import { enqueueInvitationReminders } from "../invitations/invitation-send.enqueue.js";
import { pruneFinishedJobs } from "../jobs/job.repository.js";
import type { JobRunner } from "../jobs/job.runner.js";
import { enqueueJob } from "../jobs/job.service.js";
import { closeWave, launchWave } from "./wave.service.js";

export const SCHEDULER_JOB = "scheduler.tick";
const TICK_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * One pass of the wave calendar, safe to run any number of times: launch scheduled waves that are due,
 * close waves past their close date, and queue each due reminder to non-responders once.
 */
export async function runWaveCalendar(database: AppDatabase, clock: Clock) {
  const db = database.db;
  const now = clock.now();
  const nowIso = now.toISOString();
  const summary = { launched: 0, closed: 0, reminders: 0 };
  const due = await db
    .selectFrom("waves")
    .select(["organization_id", "wave_id", "status", "scheduled_at", "closes_at", "reminder_days"])
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "scheduled"), eb("scheduled_at", "<=", nowIso)]),
        eb("status", "=", "open"),
      ]),
    )
    .execute();
  for (const wave of due) {
    const context = { db, organizationId: wave.organization_id, actor: "system:scheduler", clock };
    if (wave.closes_at && wave.closes_at <= nowIso) {
      await closeWave(context, wave.wave_id);
      summary.closed++;
      continue;
    }
    if (wave.status === "scheduled") {
      await launchWave(database, context, wave.wave_id);
      summary.launched++;
      continue;
    }
    const reminderDays = JSON.parse(wave.reminder_days) as number[];
    const pending = await db
      .selectFrom("invitations as i")
      .innerJoin("contacts as c", (j) =>
        j.onRef("c.organization_id", "=", "i.organization_id").onRef("c.contact_id", "=", "i.contact_id"),
      )
      .select(["i.invitation_id", "i.sent_at", "i.reminders_sent"])
      .where("i.organization_id", "=", wave.organization_id)
      .where("i.wave_id", "=", wave.wave_id)
      .where("i.status", "=", "sent")
      .where("i.responded_at", "is", null)
      .where("i.unsubscribed_at", "is", null)
      .where("c.unsubscribed_at", "is", null)
      .where("c.bounced_at", "is", null)
      .where("i.reminders_sent", "<", reminderDays.length)
      .execute();
    for (const invitation of pending) {
      const next = invitation.reminders_sent + 1;
      const afterDays = reminderDays[next - 1];
      if (!invitation.sent_at || afterDays === undefined) continue;
      if (Date.parse(invitation.sent_at) + afterDays * DAY_MS > now.getTime()) continue;
      await enqueueInvitationReminders(
        db,
        wave.organization_id,
        invitation.invitation_id,
        [{ reminder: next, runAt: nowIso }],
        { clock },
      );
      summary.reminders++;
    }
  }
  return summary;
}

/** The calendar runs as a job that queues its next run, so it survives restarts and runs on one worker at a time. */
export function registerWaveScheduler(runner: JobRunner, database: AppDatabase, clock: Clock): void {
  runner.register(SCHEDULER_JOB, async () => {
    const summary = await runWaveCalendar(database, clock);
    const pruned = await pruneFinishedJobs(
      database.db,
      new Date(clock.now().getTime() - 7 * DAY_MS).toISOString(),
    );
    await enqueueCasesTick(database, clock);
    await scheduleNextTick(database, clock);
    return { ...summary, pruned_jobs: pruned };
  });
}

/** Queues the next tick (one per minute, deduplicated across servers); called at start-up and by each tick. */
export async function scheduleNextTick(database: AppDatabase, clock: Clock): Promise<void> {
  const next = Math.ceil((clock.now().getTime() + 1) / TICK_MS) * TICK_MS;
  await enqueueJob(
    database.db,
    {
      organizationId: "system",
      kind: SCHEDULER_JOB,
      payload: {},
      dedupeKey: `tick:${next}`,
      runAt: new Date(next).toISOString(),
      maxAttempts: 3,
    },
    clock,
  );
}

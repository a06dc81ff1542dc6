import { addBusinessDays, DUE_HOUR_LOCAL } from "../../core/cases/business-days.js";
import { OPEN_CASE_STATUSES } from "../../core/cases/case-lifecycle.js";
import type { Clock } from "../../core/clock.js";
import { defaultSettings, parseSettings } from "../../core/settings.js";
import type { AppDatabase } from "../../db/database.js";
import type { JobRunner } from "../jobs/job.runner.js";
import { enqueueJob } from "../jobs/job.service.js";
import { fanOutAlert } from "./alert-fanout.js";
import { timeZoneOf } from "./alert-message.js";
import { listAdminIds } from "./alert-preference.repository.js";

export const CASES_TICK_JOB = "cases.tick";
export const DEFAULT_REMINDER_BUSINESS_DAYS = defaultSettings.caseReminderBusinessDays;
const TICK_MS = 60_000;
const HOUR_MS = 3_600_000;

/** `caseReminderBusinessDays` from the organization's settings; unreadable settings fall back to the default. */
export function reminderBusinessDays(settings: string): number {
  try {
    return parseSettings(settings).caseReminderBusinessDays;
  } catch {
    return DEFAULT_REMINDER_BUSINESS_DAYS;
  }
}

/** Today (in the zone) is a working day exactly when today's close of business is at most 17 h away. */
function isBusinessDayNow(now: Date, timeZone: string): boolean {
  return addBusinessDays(now, 0, timeZone).getTime() - now.getTime() <= DUE_HOUR_LOCAL * HOUR_MS;
}

/**
 * One pass of the case calendar, safe to run any number of times. On working days it reminds the owner
 * of each uncontacted case due within N business days (once per case; not for a case that opened already
 * inside that window, whose opening alert said the same); every case past due and still uncontacted gets
 * escalated_at and an alert to the owner's lead, or to the admins when there is no lead (once per case).
 */
export async function runCaseCalendar(database: AppDatabase, clock: Clock) {
  const db = database.db;
  const now = clock.now();
  const nowIso = now.toISOString();
  const summary = { reminders: 0, escalations: 0 };
  const organizations = await db
    .selectFrom("follow_up_cases as fc")
    .innerJoin("organizations as o", "o.organization_id", "fc.organization_id")
    .select(["fc.organization_id", "o.settings"])
    .distinct()
    .where("fc.status", "in", [...OPEN_CASE_STATUSES])
    .where("fc.first_contact_at", "is", null)
    .where("fc.escalated_at", "is", null)
    .execute();
  for (const organization of organizations) {
    const organizationId = organization.organization_id;
    const timeZone = timeZoneOf(organization.settings);
    const days = reminderBusinessDays(organization.settings);
    const horizon = addBusinessDays(now, days, timeZone).toISOString();
    const cases = await db
      .selectFrom("follow_up_cases as fc")
      .leftJoin("users as u", (j) =>
        j.onRef("u.organization_id", "=", "fc.organization_id").onRef("u.user_id", "=", "fc.owner_user_id"),
      )
      .select(["fc.case_id", "fc.owner_user_id", "fc.due_at", "fc.created_at", "u.lead_user_id"])
      .where("fc.organization_id", "=", organizationId)
      .where("fc.status", "in", [...OPEN_CASE_STATUSES])
      .where("fc.first_contact_at", "is", null)
      .where("fc.escalated_at", "is", null)
      .where("fc.due_at", "<=", horizon)
      .orderBy("fc.due_at")
      .execute();
    for (const found of cases) {
      if (found.due_at < nowIso) {
        if (await escalate(database, clock, organizationId, found)) summary.escalations++;
        continue;
      }
      if (!found.owner_user_id || !isBusinessDayNow(now, timeZone)) continue;
      // A case that opened inside the reminder window needs no reminder: its opening alert just said so.
      if (addBusinessDays(new Date(found.created_at), days, timeZone).toISOString() >= found.due_at) continue;
      const result = await db.transaction().execute((trx) =>
        fanOutAlert(
          trx,
          {
            organizationId,
            event: "case_reminder",
            subject: { caseId: found.case_id },
            userIds: [found.owner_user_id as string],
          },
          clock,
        ),
      );
      if (result.firstTime) summary.reminders++;
    }
  }
  return summary;
}

async function escalate(
  database: AppDatabase,
  clock: Clock,
  organizationId: string,
  found: { case_id: string; owner_user_id: string | null; lead_user_id: string | null },
): Promise<boolean> {
  const nowIso = clock.now().toISOString();
  return database.db.transaction().execute(async (trx) => {
    // The conditional update is the once-per-case guard, also against a second worker.
    const result = await trx
      .updateTable("follow_up_cases")
      .set({ escalated_at: nowIso, updated_at: nowIso })
      .where("organization_id", "=", organizationId)
      .where("case_id", "=", found.case_id)
      .where("escalated_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const recipients =
      found.lead_user_id && found.lead_user_id !== found.owner_user_id
        ? [found.lead_user_id]
        : await listAdminIds(trx, organizationId);
    await fanOutAlert(
      trx,
      { organizationId, event: "case_escalated", subject: { caseId: found.case_id }, userIds: recipients },
      clock,
    );
    return true;
  });
}

/** The case calendar runs as its own job each minute, queued by the scheduler tick, so a failure stays its own. */
export function registerCaseCalendar(runner: JobRunner, database: AppDatabase, clock: Clock): void {
  runner.register(CASES_TICK_JOB, async () => runCaseCalendar(database, clock));
}

/** Queues this minute's case calendar run once (deduplicated across servers); called by `scheduler.tick`. */
export async function enqueueCasesTick(database: AppDatabase, clock: Clock): Promise<void> {
  const minute = Math.floor(clock.now().getTime() / TICK_MS) * TICK_MS;
  await enqueueJob(
    database.db,
    {
      organizationId: "system",
      kind: CASES_TICK_JOB,
      payload: {},
      dedupeKey: `cases.tick:${minute}`,
      runAt: clock.now(),
      maxAttempts: 3,
    },
    clock,
  );
}

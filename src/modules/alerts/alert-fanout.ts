import type { Clock } from "../../core/clock.js";
import { newId } from "../../core/ids.js";
import type { Executor } from "../../db/database.js";
import type { AlertEvent } from "../../db/schema.js";
import { enqueueJob } from "../jobs/job.service.js";
import { insertAlertEvent, insertDelivery } from "./alert-delivery.repository.js";
import { findUser } from "./alert-preference.repository.js";
import { channelsFor } from "./alert-preference.service.js";

export const ALERT_DELIVER_JOB = "alert.deliver";

/**
 * Retry horizon of one delivery: the runner's backoff doubles from 2 s to its 15-minute cap (with equal
 * jitter, 7.5–15 min), so 200 attempts keep trying for about a day and a half before the job is dead
 * (`partner-nps jobs retry` revives it); the delivery row then reads failed.
 */
export const ALERT_MAX_ATTEMPTS = 200;

export interface FanOutInput {
  organizationId: string;
  event: AlertEvent;
  subject: { caseId: string } | { initiativeId: string };
  userIds: string[];
}

export interface FanOutResult {
  /** False when this event was already fanned out for the subject (deliveries were then only topped up). */
  firstTime: boolean;
  /** Deliveries created by this call (a re-run creates none). */
  created: number;
}

/**
 * Creates one delivery per enabled channel of each recipient and queues its job, in the caller's
 * transaction. The unique (event, subject, user, channel) key makes a re-run create nothing twice.
 */
export async function fanOutAlert(db: Executor, input: FanOutInput, clock: Clock): Promise<FanOutResult> {
  const now = clock.now();
  const subjectId = "caseId" in input.subject ? input.subject.caseId : input.subject.initiativeId;
  const firstTime = await insertAlertEvent(db, {
    organization_id: input.organizationId,
    event: input.event,
    subject_id: subjectId,
    created_at: now.toISOString(),
  });
  let created = 0;
  for (const userId of [...new Set(input.userIds)]) {
    const user = await findUser(db, input.organizationId, userId);
    if (!user || user.disabled_at) continue;
    for (const preference of await channelsFor(db, input.organizationId, userId, input.event)) {
      const result = await insertDelivery(db, {
        organization_id: input.organizationId,
        alert_id: newId(now.getTime()),
        event: input.event,
        subject_id: subjectId,
        case_id: "caseId" in input.subject ? input.subject.caseId : null,
        initiative_id: "initiativeId" in input.subject ? input.subject.initiativeId : null,
        user_id: userId,
        channel: preference.channel,
        status: "pending",
        attempts: 0,
        sending_at: null,
        delivered_at: null,
        last_error: null,
        created_at: now.toISOString(),
      });
      if (!result.created) continue;
      created++;
      await enqueueJob(
        db,
        {
          organizationId: input.organizationId,
          kind: ALERT_DELIVER_JOB,
          payload: { organizationId: input.organizationId, alertId: result.delivery.alert_id },
          dedupeKey: `alert:${result.delivery.alert_id}`,
          maxAttempts: ALERT_MAX_ATTEMPTS,
        },
        clock,
      );
    }
  }
  return { firstTime, created };
}

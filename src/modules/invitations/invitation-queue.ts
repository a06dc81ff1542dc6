import type { Clock } from "../../core/clock.js";
import type { Executor } from "../../db/database.js";
import { enqueueJob } from "../jobs/job.service.js";

export const INVITATION_SEND_JOB = "invitation.send";
export const INVITATION_REMIND_JOB = "invitation.remind";

/** Queues one mail per invitation; the dedupe key makes a second launch or retry queue nothing new. */
export async function enqueueInvitationMails(
  executor: Executor,
  organizationId: string,
  invitationIds: string[],
  clock?: Clock,
): Promise<void> {
  for (const invitationId of invitationIds) {
    await enqueueJob(
      executor,
      {
        organizationId,
        kind: INVITATION_SEND_JOB,
        payload: { invitationId },
        dedupeKey: `invite:${invitationId}`,
      },
      clock,
    );
  }
}

/** Queues reminder number `reminder` of an invitation, at most once. */
export async function enqueueInvitationReminder(
  executor: Executor,
  organizationId: string,
  invitationId: string,
  reminder: number,
  clock?: Clock,
): Promise<void> {
  await enqueueJob(
    executor,
    {
      organizationId,
      kind: INVITATION_REMIND_JOB,
      payload: { invitationId, reminder },
      dedupeKey: `remind:${reminder}:${invitationId}`,
    },
    clock,
  );
}

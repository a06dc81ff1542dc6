import { z } from "zod";
import { type Config, config as processConfig } from "../../config.js";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import type { JobLogger } from "../jobs/job.attempt.js";
import type { JobResult } from "../jobs/job.js";
import type { JobRunner } from "../jobs/job.runner.js";
import { type InvitationMailKind, renderInvitationEmail } from "../mail/invitation-email.js";
import { type Mailer, sharedMailer, toDeliveryError } from "../mail/mailer.js";
import { sharedMailThrottle, type TokenBucket } from "../mail/token-bucket.js";
import { findInvitationContext, type InvitationContext } from "./invitation.repository.js";
import { INVITATION_REMIND_JOB, INVITATION_SEND_JOB } from "./invitation-send.enqueue.js";
import {
  findDeliveryState,
  markInvitationSending,
  markReminderSending,
  recordInvitationBounced,
  recordInvitationSent,
  recordReminderSent,
  restoreSendingMark,
} from "./invitation-send.repository.js";

export { enqueueInvitationReminders, enqueueInvitationSend } from "./invitation-send.enqueue.js";
export { INVITATION_REMIND_JOB, INVITATION_SEND_JOB };

export const DEFAULT_MAILS_PER_SECOND = 20;

export const invitationSendPayloadSchema = z.object({ invitationId: z.string().min(1) });
export const invitationRemindPayloadSchema = z.object({
  invitationId: z.string().min(1),
  reminder: z.number().int().min(1).max(20),
});
export type InvitationSendPayload = z.infer<typeof invitationSendPayloadSchema>;
export type InvitationRemindPayload = z.infer<typeof invitationRemindPayloadSchema>;

export interface InvitationSendDependencies {
  database: AppDatabase;
  clock: Clock;
  mailer: Mailer;
  /** Shared by every send of the process, so concurrency never exceeds the mail rate. */
  throttle: TokenBucket;
  publicUrl: string;
  fromAddress?: string;
  logger?: JobLogger;
}

export interface InvitationSendOptions {
  mailer?: Mailer;
  publicUrl?: string;
  fromAddress?: string;
  /** Process-wide rate (default 20 mails per second); ignored when `throttle` is given. */
  mailsPerSecond?: number;
  throttle?: TokenBucket;
}

/** `mailFrom` and `mailRatePerSecond` are read once config.ts provides them (MAIL_FROM, MAIL_RATE_PER_SECOND). */
type MailConfig = Pick<Config, "smtpUrl" | "outboxDir" | "publicUrl"> & {
  mailFrom?: string | null;
  mailRatePerSecond?: number;
};

/** Registers `invitation.send` and `invitation.remind`; mail settings come from `context.config`. */
export function registerInvitationSendJobs(
  runner: JobRunner,
  context: { database: AppDatabase; clock: Clock; logger?: JobLogger; config?: MailConfig },
  options: InvitationSendOptions = {},
): void {
  const settings: MailConfig = context.config ?? processConfig;
  const fromAddress = options.fromAddress ?? settings.mailFrom;
  const mailsPerSecond = options.mailsPerSecond ?? settings.mailRatePerSecond ?? DEFAULT_MAILS_PER_SECOND;
  const dependencies: InvitationSendDependencies = {
    database: context.database,
    clock: context.clock,
    mailer: options.mailer ?? sharedMailer(settings),
    throttle: options.throttle ?? sharedMailThrottle(mailsPerSecond),
    publicUrl: options.publicUrl ?? settings.publicUrl,
    ...(fromAddress ? { fromAddress } : {}),
    ...(context.logger ? { logger: context.logger } : {}),
  };
  runner.register<InvitationSendPayload>(
    INVITATION_SEND_JOB,
    ({ job, payload, signal }) =>
      deliverInvitationMail(
        dependencies,
        job.organization_id,
        payload.invitationId,
        { type: "invite" },
        signal,
      ),
    (payload) => invitationSendPayloadSchema.parse(payload),
  );
  runner.register<InvitationRemindPayload>(
    INVITATION_REMIND_JOB,
    ({ job, payload, signal }) =>
      deliverInvitationMail(
        dependencies,
        job.organization_id,
        payload.invitationId,
        { type: "remind", reminder: payload.reminder },
        signal,
      ),
    (payload) => invitationRemindPayloadSchema.parse(payload),
  );
}

/**
 * Sends one invitation mail at most once per job run, and exactly once across graceful restarts:
 * `sending_at` is committed before the hand-off to SMTP, `sent_at` (or `reminders_sent`) right after it,
 * and a job that finds the mail recorded skips it. JobRunner.stop() lets a running send finish and record.
 */
export async function deliverInvitationMail(
  dependencies: InvitationSendDependencies,
  organizationId: string,
  invitationId: string,
  kind: InvitationMailKind,
  signal?: AbortSignal,
): Promise<JobResult> {
  const { database, clock, mailer, logger } = dependencies;
  const db = database.db;
  const context = await findInvitationContext(db, organizationId, invitationId);
  if (!context) return { skipped: "invitation_not_found" };
  // The invitation's own opt-out marks are checked by the conditional update below (one query less per
  // mail of a large wave); a reminder also needs the time of the previous one.
  const state =
    kind.type === "remind" ? await findDeliveryState(db, organizationId, invitationId) : undefined;
  const reason = skipReason(context, state ?? NO_OPT_OUTS, kind, clock.now().toISOString());
  if (reason) return { skipped: reason };

  const { mail, language } = renderInvitationEmail(context, kind, dependencies);
  // Waiting for the rate honours a stop deadline; once the mail is handed to SMTP it is never aborted,
  // since an abort during DATA leaves the outcome unknown (SMTP timeouts bound that step instead).
  await dependencies.throttle.take(signal);
  signal?.throwIfAborted();
  const previousAttemptUnrecorded =
    context.sending_at !== null &&
    (kind.type === "invite" || context.sending_at > (state?.last_reminded_at ?? context.sent_at ?? ""));
  const sendingAt = clock.now().toISOString();
  const marked =
    kind.type === "invite"
      ? await markInvitationSending(db, organizationId, invitationId, sendingAt)
      : await markReminderSending(db, organizationId, invitationId, kind.reminder, sendingAt);
  if (!marked) return { skipped: await currentSkipReason(db, organizationId, invitationId, kind, sendingAt) };
  if (previousAttemptUnrecorded) {
    // A worker stopped hard between SMTP and recording, or the connection dropped mid-transfer.
    logger?.warn(
      { organizationId, invitationId, kind: kind.type, sendingAt: context.sending_at },
      "Sending an invitation mail whose earlier attempt was not recorded; it may arrive twice",
    );
  }

  let messageId: string;
  try {
    messageId = (await mailer.send(mail)).messageId;
  } catch (error) {
    const failure = toDeliveryError(error);
    if (!failure.details.maybeDelivered) {
      const marks = { ours: sendingAt, previous: context.sending_at };
      await restoreSendingMark(db, organizationId, invitationId, marks);
    }
    if (!failure.details.recipientRejected) throw failure;
    // Retrying a refused address only gets the same answer and hurts the sender's reputation.
    const bouncedAt = clock.now().toISOString();
    await db
      .transaction()
      .execute((trx) =>
        recordInvitationBounced(
          trx,
          organizationId,
          { invitationId, contactId: context.contact_id },
          bouncedAt,
        ),
      );
    return { bounced: true, response: failure.details.response };
  }

  // The one at-least-once window: a hard stop (kill -9, power loss, lost database) after the server
  // accepted the mail and before the single UPDATE below leaves sending_at without sent_at, so the retry
  // sends again, with the same Message-ID (Gmail, among others, shows such copies once) and the warning above.
  const sentAt = clock.now().toISOString();
  const recorded =
    kind.type === "remind"
      ? await recordReminderSent(db, organizationId, invitationId, kind.reminder, sentAt)
      : await recordInvitationSent(db, organizationId, invitationId, { sentAt, language });
  if (!recorded) {
    logger?.warn(
      { organizationId, invitationId, kind: kind.type, messageId },
      "Another attempt recorded this invitation mail first; it was sent twice",
    );
  }
  return {
    sent: true,
    messageId,
    language,
    ...(kind.type === "remind" ? { reminder: kind.reminder } : {}),
    ...(previousAttemptUnrecorded ? { resentAfterUnrecordedAttempt: true } : {}),
  };
}

type DeliveryState = NonNullable<Awaited<ReturnType<typeof findDeliveryState>>>;

const NO_OPT_OUTS: DeliveryState = {
  unsubscribed_at: null,
  complained_at: null,
  bounced_at: null,
  last_reminded_at: null,
};

/** Why the conditional update refused: something changed since the first read, or an opt-out on the invitation. */
async function currentSkipReason(
  db: AppDatabase["db"],
  organizationId: string,
  invitationId: string,
  kind: InvitationMailKind,
  now: string,
): Promise<string> {
  const context = await findInvitationContext(db, organizationId, invitationId);
  const state = await findDeliveryState(db, organizationId, invitationId);
  return (context && state && skipReason(context, state, kind, now)) || "no_longer_mailable";
}

/** Why this mail must not go out now, or null. Idempotency comes first: a rerun reports "already sent". */
export function skipReason(
  context: InvitationContext,
  state: DeliveryState,
  kind: InvitationMailKind,
  now: string,
): string | null {
  if (kind.type === "invite" && context.sent_at) return "already_sent";
  if (kind.type === "remind" && context.reminders_sent >= kind.reminder) return "already_reminded";
  if (context.responded_at || context.status === "responded") return "answered";
  if (context.contact_unsubscribed_at || state.unsubscribed_at) return "unsubscribed";
  if (state.complained_at) return "complained";
  if (context.contact_bounced_at || state.bounced_at || context.status === "bounced") return "bounced";
  if (context.status === "expired") return "expired";
  if (context.wave_status === "closed" || (context.wave_closes_at && context.wave_closes_at <= now)) {
    return "wave_closed";
  }
  if (kind.type === "remind" && !context.sent_at) return "not_sent_yet";
  if (!context.contact_email) return "no_email_address";
  return null;
}

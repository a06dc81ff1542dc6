import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import type { JobLogger } from "../jobs/job.attempt.js";
import { describeJobError, type JobContext, type JobResult } from "../jobs/job.js";
import { mailDomain } from "../mail/invitation-email.js";
import { MailDeliveryError, type Mailer } from "../mail/mailer.js";
import { findCaseForAlert, findInitiativeForAlert } from "./alert-content.repository.js";
import {
  type AlertDeliveryRow,
  findDelivery,
  markDelivered,
  markSending,
  recordFailure,
} from "./alert-delivery.repository.js";
import { alertEmail, slackPayload, teamsPayload } from "./alert-formats.js";
import { type AlertMessage, caseMessage, initiativeMessage } from "./alert-message.js";
import { findPreferenceTarget, findUser } from "./alert-preference.repository.js";
import { effectivePreferences } from "./alert-preference.service.js";
import { postWebhook, WebhookError } from "./webhook.js";

export const alertDeliverPayloadSchema = z.object({
  organizationId: z.string().min(1),
  alertId: z.string().min(1),
});
export type AlertDeliverPayload = z.infer<typeof alertDeliverPayloadSchema>;

export interface AlertDependencies {
  database: AppDatabase;
  clock: Clock;
  mailer: Mailer;
  publicUrl: string;
  /** Sender of alert mails; default alerts@<public host>. */
  fromAddress?: string;
  logger?: JobLogger;
  /** Per-request webhook timeout (default 10 s). */
  webhookTimeoutMs?: number;
}

/** A delivery that can never succeed (its subject or channel is gone): recorded as failed, not retried. */
class Undeliverable extends Error {}

/**
 * Sends one delivery. The row's status is the idempotency guard: `sending_at` is committed before the
 * POST or SMTP hand-off and `delivered` right after, so only a hard stop between the two can repeat it
 * (then with the same alert id / Message-ID). Any failure throws so the runner retries with backoff.
 */
export async function deliverAlert(
  dependencies: AlertDependencies,
  context: JobContext<AlertDeliverPayload>,
): Promise<JobResult> {
  const { database, clock, logger } = dependencies;
  const db = database.db;
  const { organizationId, alertId } = context.payload;
  const delivery = await findDelivery(db, organizationId, alertId);
  if (!delivery) return { skipped: "delivery_not_found" };
  if (delivery.status !== "pending") return { skipped: `already_${delivery.status}` };
  const lastAttempt = context.attempt >= context.job.max_attempts;
  try {
    const message = await loadMessage(dependencies, delivery);
    const target = await resolveTarget(dependencies, delivery);
    const sendingAt = clock.now().toISOString();
    if (!(await markSending(db, organizationId, alertId, sendingAt))) return { skipped: "no_longer_pending" };
    if (delivery.sending_at) {
      logger?.warn(
        { organizationId, alertId, channel: delivery.channel, sendingAt: delivery.sending_at },
        "Sending an alert whose earlier attempt was not recorded; it may arrive twice",
      );
    }
    const receipt = await send(dependencies, delivery, message, target, context.signal);
    // The one at-least-once window: a hard stop between the receiver's acceptance and this update.
    const recorded = await markDelivered(db, organizationId, alertId, clock.now().toISOString());
    if (!recorded) logger?.warn({ organizationId, alertId }, "Another attempt recorded this alert first");
    return { delivered: true, channel: delivery.channel, ...receipt };
  } catch (error) {
    const final = error instanceof Undeliverable || lastAttempt;
    await recordFailure(db, organizationId, alertId, describeJobError(error), {
      final,
      surelyNotSent: !mayHaveArrived(error),
    });
    if (error instanceof Undeliverable) return { failed: error.message, channel: delivery.channel };
    throw error;
  }
}

/** Only a timeout or a dropped connection mid-request can hide a delivery; refusals and error replies cannot. */
function mayHaveArrived(error: unknown): boolean {
  if (error instanceof Undeliverable) return false;
  if (error instanceof WebhookError) return error.maybeDelivered;
  if (error instanceof MailDeliveryError) return error.details.maybeDelivered;
  return true;
}

async function loadMessage(
  dependencies: AlertDependencies,
  delivery: AlertDeliveryRow,
): Promise<AlertMessage> {
  const db = dependencies.database.db;
  if (delivery.case_id) {
    const found = await findCaseForAlert(db, delivery.organization_id, delivery.case_id);
    if (!found) throw new Undeliverable(`case ${delivery.case_id} no longer exists`);
    return caseMessage(delivery.alert_id, delivery.event, found, dependencies.publicUrl);
  }
  const initiativeId = delivery.initiative_id ?? delivery.subject_id;
  const found = await findInitiativeForAlert(db, delivery.organization_id, initiativeId);
  if (!found) throw new Undeliverable(`initiative ${initiativeId} no longer exists`);
  return initiativeMessage(delivery.alert_id, found, dependencies.publicUrl);
}

/** The channel's current target: a user who removed or disabled the channel meanwhile gets nothing. */
async function resolveTarget(dependencies: AlertDependencies, delivery: AlertDeliveryRow) {
  const db = dependencies.database.db;
  const user = await findUser(db, delivery.organization_id, delivery.user_id);
  if (!user || user.disabled_at) throw new Undeliverable("the recipient is gone or disabled");
  if (delivery.channel === "email") {
    const { preferences } = await effectivePreferences(db, delivery.organization_id, delivery.user_id);
    const email = preferences.find((p) => p.channel === "email" && p.enabled);
    if (!email) throw new Undeliverable("the email channel was turned off");
    return { name: user.name, address: email.target ?? user.email };
  }
  const url = await findPreferenceTarget(db, delivery.organization_id, delivery.user_id, delivery.channel);
  if (!url) throw new Undeliverable(`the ${delivery.channel} channel was turned off`);
  return { name: user.name, address: url };
}

async function send(
  dependencies: AlertDependencies,
  delivery: AlertDeliveryRow,
  message: AlertMessage,
  target: { name: string; address: string },
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  if (delivery.channel === "email") {
    const domain = mailDomain(dependencies.publicUrl);
    const from = { name: message.company, address: dependencies.fromAddress ?? `alerts@${domain}` };
    const mail = alertEmail(message, target, from, domain);
    const sent = await dependencies.mailer.send({
      ...mail,
      metadata: { organizationId: delivery.organization_id },
    });
    return { messageId: sent.messageId };
  }
  const label = delivery.channel === "slack" ? "Slack" : "Teams";
  const body = delivery.channel === "slack" ? slackPayload(message) : teamsPayload(message);
  const status = await postWebhook(target.address, body, {
    idempotencyKey: delivery.alert_id,
    label,
    signal,
    ...(dependencies.webhookTimeoutMs ? { timeoutMs: dependencies.webhookTimeoutMs } : {}),
  });
  return { status };
}

import { z } from "zod";
import { newId } from "../../core/ids.js";
import { invitationToken } from "../../core/tokens.js";
import { html } from "../../http/html.js";
import { addTimelineEntry } from "../cases/case-opening.repository.js";
import { unsubscribeUrl } from "../invitations/invitation-links.js";
import type { JobResult } from "../jobs/job.js";
import { enqueueJob } from "../jobs/job.service.js";
import { mailDomain } from "../mail/invitation-email.js";
import { oneLine } from "../mail/mail-address.js";
import { type OutgoingMail, toDeliveryError } from "../mail/mailer.js";
import { caseOwnerIds, findInitiativeForAlert, type InitiativeForAlert } from "./alert-content.repository.js";
import type { AlertDependencies } from "./alert-deliver.job.js";
import { ALERT_MAX_ATTEMPTS, fanOutAlert } from "./alert-fanout.js";
import {
  contactsWhoRaised,
  findMessageContext,
  insertInitiativeMessage,
  parseStrings,
  updateMessage,
} from "./initiative-message.repository.js";

export const INITIATIVE_DONE_JOB = "initiative.done";
export const INITIATIVE_NOTIFY_JOB = "initiative.notify";

export const initiativeDonePayloadSchema = z.object({
  organizationId: z.string().min(1),
  initiativeId: z.string().min(1),
});
export const initiativeNotifyPayloadSchema = initiativeDonePayloadSchema.extend({
  contactId: z.string().min(1),
});
export type InitiativeDonePayload = z.infer<typeof initiativeDonePayloadSchema>;
export type InitiativeNotifyPayload = z.infer<typeof initiativeNotifyPayloadSchema>;

/**
 * `initiative.done`: one pending message per contact who raised it (unique per initiative and contact)
 * with one `initiative.notify` job each, plus the initiative_done alert to the owners of its cases.
 */
export async function fanOutInitiativeDone(
  dependencies: AlertDependencies,
  payload: InitiativeDonePayload,
): Promise<JobResult> {
  const { database, clock } = dependencies;
  const { organizationId, initiativeId } = payload;
  return database.db.transaction().execute(async (trx) => {
    const initiative = await findInitiativeForAlert(trx, organizationId, initiativeId);
    if (!initiative) return { skipped: "initiative_not_found" };
    if (initiative.status !== "done") return { skipped: "not_done" };
    const now = clock.now();
    const caseIds = parseStrings(initiative.case_ids);
    const contacts = await contactsWhoRaised(trx, organizationId, {
      caseIds,
      themeIds: parseStrings(initiative.theme_ids),
      before: initiative.done_at ?? now.toISOString(),
    });
    let queued = 0;
    for (const contact of contacts) {
      const created = await insertInitiativeMessage(trx, {
        organization_id: organizationId,
        initiative_id: initiativeId,
        contact_id: contact.contact_id,
        partner_id: contact.partner_id,
        created_at: now.toISOString(),
      });
      if (!created) continue;
      queued++;
      await enqueueJob(
        trx,
        {
          organizationId,
          kind: INITIATIVE_NOTIFY_JOB,
          payload: { organizationId, initiativeId, contactId: contact.contact_id },
          dedupeKey: `initiative.notify:${initiativeId}:${contact.contact_id}`,
          maxAttempts: ALERT_MAX_ATTEMPTS,
        },
        clock,
      );
    }
    const owners = await caseOwnerIds(trx, organizationId, caseIds);
    if (initiative.owner_user_id) owners.push(initiative.owner_user_id);
    const alerts = await fanOutAlert(
      trx,
      { organizationId, event: "initiative_done", subject: { initiativeId }, userIds: owners },
      clock,
    );
    return { contacts: contacts.length, queued, alerts: alerts.created };
  });
}

/**
 * Sends one "you said, we did" mail, skipping unsubscribed, bounced or complaining contacts. Like the
 * invitation sender: `sending_at` is committed before SMTP, `sent` plus the timeline entry right after.
 */
export async function sendInitiativeMessage(
  dependencies: AlertDependencies,
  payload: InitiativeNotifyPayload,
): Promise<JobResult> {
  const { database, clock, mailer } = dependencies;
  const db = database.db;
  const key = {
    organizationId: payload.organizationId,
    initiativeId: payload.initiativeId,
    contactId: payload.contactId,
  };
  const context = await findMessageContext(db, key.organizationId, key.initiativeId, key.contactId);
  if (!context) return { skipped: "message_not_found" };
  if (context.status !== "pending") return { skipped: `already_${context.status}` };
  const reason = context.unsubscribed_at
    ? "unsubscribed"
    : context.bounced_at
      ? "bounced"
      : context.complained
        ? "complained"
        : context.archived_at
          ? "archived"
          : !context.email
            ? "no_email_address"
            : null;
  if (reason) {
    await updateMessage(db, key, { status: "skipped", skipped_reason: reason });
    return { skipped: reason };
  }
  const initiative = await findInitiativeForAlert(db, key.organizationId, key.initiativeId);
  if (!initiative) return { skipped: "initiative_not_found" };
  const mail = renderInitiativeMail(dependencies, initiative, {
    contactId: key.contactId,
    name: context.name,
    email: context.email as string,
    invitationId: context.invitation_id,
  });
  if (!(await updateMessage(db, key, { sending_at: clock.now().toISOString() }))) {
    return { skipped: "no_longer_pending" };
  }
  let sent: { messageId: string };
  try {
    sent = await mailer.send(mail);
  } catch (error) {
    const failure = toDeliveryError(error);
    // A refused address gets the same answer every time: stop there instead of retrying for a day.
    if (failure.details.recipientRejected) {
      await updateMessage(db, key, { status: "skipped", skipped_reason: "recipient_rejected" });
      return { skipped: "recipient_rejected", response: failure.details.response };
    }
    if (!failure.details.maybeDelivered) await updateMessage(db, key, { sending_at: null });
    throw failure;
  }
  const sentAt = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    if (!(await updateMessage(trx, key, { status: "sent", sent_at: sentAt }))) return;
    await addTimelineEntry(trx, {
      organization_id: key.organizationId,
      entry_id: newId(clock.now().getTime()),
      partner_id: context.partner_id,
      kind: "initiative.message",
      title: `“You said, we did” sent to ${context.name ?? context.email}: ${initiative.title}`,
      entity_type: "initiative",
      entity_id: key.initiativeId,
      created_at: sentAt,
    });
  });
  return { sent: true, messageId: sent.messageId };
}

function renderInitiativeMail(
  dependencies: AlertDependencies,
  initiative: InitiativeForAlert,
  contact: { contactId: string; name: string | null; email: string; invitationId: string | null },
): OutgoingMail {
  const domain = mailDomain(dependencies.publicUrl);
  const company = oneLine(initiative.company_name);
  const from = { name: company, address: dependencies.fromAddress ?? `surveys@${domain}` };
  const unsubscribe =
    contact.invitationId && initiative.invitation_secret
      ? unsubscribeUrl(
          dependencies.publicUrl,
          initiative.organization_id,
          invitationToken(initiative.invitation_secret, contact.invitationId),
        )
      : null;
  const greeting = contact.name ? `Dear ${oneLine(contact.name)},` : "Hello,";
  const intro = `You told us what to improve. Here is what ${company} did about it:`;
  const description = initiative.description?.trim() ?? "";
  const footer = `You receive this because you answered a ${company} partner survey.`;
  const text = [
    greeting,
    "",
    intro,
    "",
    initiative.title,
    ...(description ? ["", description] : []),
    "",
    "Thank you for telling us.",
    "",
    "-- ",
    footer,
    ...(unsubscribe ? [`Unsubscribe: ${unsubscribe}`] : []),
  ].join("\n");
  const body = html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${initiative.title}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:32px 24px 24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:24px;color:#1f2933;">
<p style="margin:0 0 16px;">${greeting}</p>
<p style="margin:0 0 16px;">${intro}</p>
<h1 style="margin:0 0 12px;font-size:20px;line-height:28px;">${initiative.title}</h1>
${description ? html`<p style="margin:0 0 16px;white-space:pre-line;">${description}</p>` : ""}
<p style="margin:0;">Thank you for telling us.</p>
</td></tr>
<tr><td style="padding:16px 24px 24px;border-top:1px solid #e4e7eb;font-family:Arial,Helvetica,sans-serif;font-size:12px;line-height:18px;color:#52606d;">
<p style="margin:0 0 8px;">${footer}</p>
${unsubscribe ? html`<a href="${unsubscribe}" style="color:#52606d;">Unsubscribe</a>` : ""}
</td></tr>
</table></td></tr></table>
</body>
</html>
`;
  return {
    from,
    to: { name: contact.name, address: contact.email },
    subject: oneLine(`You said, we did: ${initiative.title}`),
    text: `${text}\n`,
    html: body.toString(),
    messageId: `<initiative.${initiative.initiative_id}.${contact.contactId}@${initiative.organization_id.toLowerCase()}.${domain}>`,
    headers: unsubscribe
      ? { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : { "List-Unsubscribe": `<mailto:${from.address}?subject=unsubscribe>` },
    metadata: { organizationId: initiative.organization_id },
  };
}

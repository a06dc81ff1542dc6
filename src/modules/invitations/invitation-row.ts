import { invitationToken, tokenHash } from "../../core/tokens.js";
import type { InvitationTable } from "../../db/schema.js";

/** A new, unsent invitation row: the one place that knows every column's starting value. */
export function newInvitationRow(input: {
  organizationId: string;
  invitationId: string;
  secret: string;
  surveyId: string;
  waveId: string | null;
  contactId: string;
  partnerId: string;
  channel: InvitationTable["channel"];
  language: string;
  createdAt: string;
  eventType?: string | null;
  eventId?: string | null;
}): InvitationTable {
  return {
    organization_id: input.organizationId,
    invitation_id: input.invitationId,
    wave_id: input.waveId,
    survey_id: input.surveyId,
    contact_id: input.contactId,
    partner_id: input.partnerId,
    token_hash: tokenHash(invitationToken(input.secret, input.invitationId)),
    channel: input.channel,
    event_type: input.eventType ?? null,
    event_id: input.eventId ?? null,
    status: "pending",
    sent_at: null,
    delivered_at: null,
    bounced_at: null,
    clicked_at: null,
    responded_at: null,
    reminders_sent: 0,
    last_reminded_at: null,
    sending_at: null,
    unsubscribed_at: null,
    complained_at: null,
    language: input.language,
    created_at: input.createdAt,
  };
}

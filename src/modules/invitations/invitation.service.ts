import { z } from "zod";
import { isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError } from "../../core/errors.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { recordAudit } from "../audit/audit.repository.js";
import { findOrganization } from "../organizations/organization.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { linksFor } from "./invitation-links.js";

export const deliveryEventSchema = z
  .object({
    type: z.enum(["bounce", "complaint"]),
    invitation_id: z.string().optional(),
    email: z.email().optional(),
    reason: z.string().max(500).optional(),
  })
  .refine((e) => e.invitation_id || e.email, { message: "give invitation_id or email", path: ["email"] });

/**
 * Bounces and complaints reported by the mail provider: a bounce stops mail to the address, a complaint
 * unsubscribes the contact; both are kept on the invitation for the wave's funnel.
 */
export async function recordDeliveryEvent(context: ServiceContext, input: unknown) {
  const event = parseInput(deliveryEventSchema, input, "delivery event");
  const clock = context.clock ?? systemClock;
  const now = isoNow(clock);
  return context.db.transaction().execute(async (trx) => {
    const invitation = event.invitation_id
      ? await trx
          .selectFrom("invitations")
          .select(["invitation_id", "contact_id"])
          .where("organization_id", "=", context.organizationId)
          .where("invitation_id", "=", event.invitation_id)
          .executeTakeFirst()
      : undefined;
    if (event.invitation_id && !invitation) throw new NotFoundError("Invitation", event.invitation_id);
    const contacts = invitation
      ? [{ contact_id: invitation.contact_id }]
      : await trx
          .selectFrom("contacts")
          .select("contact_id")
          .where("organization_id", "=", context.organizationId)
          .where("email", "=", event.email!.toLowerCase())
          .execute();
    if (contacts.length === 0)
      throw new NotFoundError(
        event.invitation_id ? "Invitation" : "Contact with email",
        event.invitation_id ?? event.email!,
      );
    const contactIds = contacts.map((c) => c.contact_id);
    await trx
      .updateTable("contacts")
      .set(
        event.type === "bounce"
          ? { bounced_at: now, updated_at: now }
          : { unsubscribed_at: now, updated_at: now },
      )
      .where("organization_id", "=", context.organizationId)
      .where("contact_id", "in", contactIds)
      .execute();
    let invitations = trx.updateTable("invitations").where("organization_id", "=", context.organizationId);
    invitations = invitation
      ? invitations.where("invitation_id", "=", invitation.invitation_id)
      : invitations.where("contact_id", "in", contactIds).where("responded_at", "is", null);
    await (event.type === "bounce"
      ? invitations.set({ bounced_at: now, status: "bounced" }).where("bounced_at", "is", null)
      : invitations.set({ complained_at: now, unsubscribed_at: now })
    ).execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: `contact.${event.type}`,
        entityType: "contact",
        entityId: contactIds[0] ?? null,
        details: { contacts: contactIds.length, reason: event.reason ?? null },
      },
      clock,
    );
    return { recorded: event.type, contacts: contactIds.length };
  });
}

export interface InvitationLink {
  url: string;
  contact: string | null;
  contact_name: string | null;
  partner: string;
  wave: string | null;
  invitation_id: string;
  status: string;
}

/** Links of unanswered invitations (all waves, one wave, or only open waves) for use in other tools. */
export async function listInvitationLinks(
  db: Executor,
  organizationId: string,
  publicUrl: string,
  filter: { waveId?: string; openOnly?: boolean },
): Promise<InvitationLink[]> {
  const organization = await findOrganization(db, organizationId);
  if (!organization?.invitation_secret) throw new NotFoundError("Organization", organizationId);
  let query = db
    .selectFrom("invitations as i")
    .innerJoin("contacts as c", (j) =>
      j.onRef("c.organization_id", "=", "i.organization_id").onRef("c.contact_id", "=", "i.contact_id"),
    )
    .innerJoin("partners as p", (j) =>
      j.onRef("p.organization_id", "=", "i.organization_id").onRef("p.partner_id", "=", "i.partner_id"),
    )
    .leftJoin("waves as w", (j) =>
      j.onRef("w.organization_id", "=", "i.organization_id").onRef("w.wave_id", "=", "i.wave_id"),
    )
    .select([
      "i.invitation_id",
      "i.status",
      "c.email",
      "c.name as contact_name",
      "p.name as partner_name",
      "w.name as wave_name",
    ])
    .where("i.organization_id", "=", organizationId)
    .where("i.responded_at", "is", null)
    .where("i.status", "in", ["pending", "sent"]);
  if (filter.waveId) query = query.where("i.wave_id", "=", filter.waveId);
  if (filter.openOnly) query = query.where("w.status", "=", "open");
  const rows = await query.orderBy("p.name").orderBy("c.email").execute();
  return rows.map((row) => ({
    url: linksFor(publicUrl, organizationId, organization.invitation_secret!, row.invitation_id).survey,
    contact: row.email,
    contact_name: row.contact_name,
    partner: row.partner_name,
    wave: row.wave_name,
    invitation_id: row.invitation_id,
    status: row.status,
  }));
}

/** CSV with a header row; cells quoted when needed and formula-leading characters neutralised for spreadsheets. */
export function linksToCsv(links: InvitationLink[]): string {
  const cell = (value: string | null) => {
    let text = value ?? "";
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = "invitation_id,partner,contact,contact_name,wave,status,url";
  const lines = links.map((l) =>
    [l.invitation_id, l.partner, l.contact, l.contact_name, l.wave, l.status, l.url].map(cell).join(","),
  );
  return `${[header, ...lines].join("\r\n")}\r\n`;
}

export async function recordAuditForExport(context: ServiceContext, what: string) {
  await recordAudit(
    context.db,
    {
      organizationId: context.organizationId,
      actor: context.actor,
      action: "invitations.links_exported",
      entityType: "wave",
      entityId: what,
    },
    context.clock,
  );
}

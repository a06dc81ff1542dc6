import type { Executor } from "../../db/database.js";
import { containsText } from "../../db/sql-helpers.js";

/**
 * The contacts who raised an initiative: authors of the responses behind its cases, and of comments
 * tagged with its themes (a theme tags a comment that contains one of its keywords), answered before it
 * was done. One row per contact, with the partner it belongs to.
 */
export async function contactsWhoRaised(
  db: Executor,
  organizationId: string,
  input: { caseIds: string[]; themeIds: string[]; before: string },
): Promise<{ contact_id: string; partner_id: string }[]> {
  const found = new Map<string, string>();
  if (input.caseIds.length > 0) {
    const rows = await db
      .selectFrom("case_responses as cr")
      .innerJoin("responses as r", (j) =>
        j.onRef("r.organization_id", "=", "cr.organization_id").onRef("r.response_id", "=", "cr.response_id"),
      )
      .select(["r.contact_id", "r.partner_id"])
      .where("cr.organization_id", "=", organizationId)
      .where("cr.case_id", "in", input.caseIds)
      .where("r.contact_id", "is not", null)
      .execute();
    for (const row of rows) if (row.contact_id) found.set(row.contact_id, row.partner_id);
  }
  const keywords = await themeKeywords(db, organizationId, input.themeIds);
  if (keywords.length > 0) {
    const rows = await db
      .selectFrom("responses")
      .select(["contact_id", "partner_id"])
      .where("organization_id", "=", organizationId)
      .where("contact_id", "is not", null)
      .where("submitted_at", "<=", input.before)
      .where((eb) => eb.or(keywords.map((keyword) => containsText(eb.ref("comment"), keyword))))
      .execute();
    for (const row of rows) if (row.contact_id) found.set(row.contact_id, row.partner_id);
  }
  return [...found].map(([contact_id, partner_id]) => ({ contact_id, partner_id }));
}

async function themeKeywords(db: Executor, organizationId: string, themeIds: string[]): Promise<string[]> {
  if (themeIds.length === 0) return [];
  const rows = await db
    .selectFrom("themes")
    .select("keywords")
    .where("organization_id", "=", organizationId)
    .where("theme_id", "in", themeIds)
    .execute();
  return rows.flatMap((row) => parseStrings(row.keywords)).filter((keyword) => keyword.trim().length >= 3);
}

export function parseStrings(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

/** Inserts the pending message unless the (initiative, contact) pair has one; true when new. */
export async function insertInitiativeMessage(
  db: Executor,
  row: {
    organization_id: string;
    initiative_id: string;
    contact_id: string;
    partner_id: string;
    created_at: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto("initiative_messages")
    .values({ ...row, status: "pending", sending_at: null, sent_at: null, skipped_reason: null })
    .onConflict((conflict) =>
      conflict.columns(["organization_id", "initiative_id", "contact_id"]).doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The message with what its mail needs: the contact, its opt-outs and its latest invitation (for the unsubscribe link). */
export async function findMessageContext(
  db: Executor,
  organizationId: string,
  initiativeId: string,
  contactId: string,
) {
  const row = await db
    .selectFrom("initiative_messages as m")
    .innerJoin("contacts as c", (j) =>
      j.onRef("c.organization_id", "=", "m.organization_id").onRef("c.contact_id", "=", "m.contact_id"),
    )
    .select([
      "m.status",
      "m.sending_at",
      "m.partner_id",
      "c.name",
      "c.email",
      "c.unsubscribed_at",
      "c.bounced_at",
      "c.archived_at",
    ])
    .where("m.organization_id", "=", organizationId)
    .where("m.initiative_id", "=", initiativeId)
    .where("m.contact_id", "=", contactId)
    .executeTakeFirst();
  if (!row) return undefined;
  const invitations = await db
    .selectFrom("invitations")
    .select(["invitation_id", "complained_at"])
    .where("organization_id", "=", organizationId)
    .where("contact_id", "=", contactId)
    .orderBy("created_at", "desc")
    .execute();
  return {
    ...row,
    invitation_id: invitations[0]?.invitation_id ?? null,
    complained: invitations.some((invitation) => invitation.complained_at !== null),
  };
}

export async function updateMessage(
  db: Executor,
  key: { organizationId: string; initiativeId: string; contactId: string },
  set: { status?: "sent" | "skipped"; sending_at?: string | null; sent_at?: string; skipped_reason?: string },
): Promise<boolean> {
  const result = await db
    .updateTable("initiative_messages")
    .set(set)
    .where("organization_id", "=", key.organizationId)
    .where("initiative_id", "=", key.initiativeId)
    .where("contact_id", "=", key.contactId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

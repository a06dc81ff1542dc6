import { sql } from "kysely";
import type { Executor } from "../../db/database.js";
import { whereOwnedBy } from "../partners/partner-scope.js";
import type { Audience } from "./wave.js";

/** Active contacts of active partners matching a wave's audience, with what the rules need. */
export async function fetchAudienceCandidates(db: Executor, organizationId: string, audience: Audience) {
  let query = db
    .selectFrom("contacts as c")
    .innerJoin("partners as p", (j) =>
      j.onRef("p.organization_id", "=", "c.organization_id").onRef("p.partner_id", "=", "c.partner_id"),
    )
    .select([
      "c.contact_id",
      "c.partner_id",
      "c.name",
      "c.email",
      "c.role",
      "c.language",
      "c.consent",
      "c.unsubscribed_at",
      "c.bounced_at",
      "p.name as partner_name",
      "p.tier",
      "p.region",
    ])
    .where("c.organization_id", "=", organizationId)
    .where("c.archived_at", "is", null)
    .where("p.archived_at", "is", null);
  const byPartner = [
    ["tier", "p.tier"],
    ["type", "p.type"],
    ["region", "p.region"],
    ["country", "p.country"],
    ["owner", "p.owner_user_id"],
    ["partner_ids", "p.partner_id"],
    ["roles", "c.role"],
    ["languages", "c.language"],
  ] as const;
  for (const [field, column] of byPartner) {
    const values = audience[field];
    if (values?.length) query = query.where(column, "in", values);
  }
  if (audience.strategic !== undefined) query = query.where("p.strategic", "=", audience.strategic ? 1 : 0);
  return query.orderBy("c.partner_id").orderBy("c.contact_id").execute();
}

/** The last time each contact was invited to anything (fatigue is per contact, across surveys). */
export async function fetchLastInvitedAt(db: Executor, organizationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom("invitations")
    .select(["contact_id", (eb) => eb.fn.max("created_at").as("last")])
    .where("organization_id", "=", organizationId)
    .groupBy("contact_id")
    .execute();
  return new Map(rows.map((r) => [r.contact_id, String(r.last)]));
}

export async function fetchPartnerInvitationCounts(db: Executor, organizationId: string, since: string) {
  const rows = await db
    .selectFrom("invitations")
    .select(["partner_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("organization_id", "=", organizationId)
    .where("created_at", ">=", since)
    .groupBy("partner_id")
    .execute();
  return new Map(rows.map((r) => [r.partner_id, Number(r.n)]));
}

export async function fetchWaveContactIds(
  db: Executor,
  organizationId: string,
  waveId: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom("invitations")
    .select("contact_id")
    .where("organization_id", "=", organizationId)
    .where("wave_id", "=", waveId)
    .execute();
  return new Set(rows.map((r) => r.contact_id));
}

export function findWave(db: Executor, organizationId: string, waveId: string) {
  return db
    .selectFrom("waves")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("wave_id", "=", waveId)
    .executeTakeFirst();
}

/** Invitation funnel per group: sent, bounced, unsubscribed, clicked, responded. */
export async function fetchWaveFunnel(
  db: Executor,
  organizationId: string,
  waveId: string,
  by: "partner" | "tier" | "region" | null,
  ownerUserId: string | null = null,
) {
  const column =
    by === "partner" ? "p.partner_id" : by === "tier" ? "p.tier" : by === "region" ? "p.region" : null;
  const base = whereOwnedBy(
    db
      .selectFrom("invitations as i")
      .innerJoin("partners as p", (j) =>
        j.onRef("p.organization_id", "=", "i.organization_id").onRef("p.partner_id", "=", "i.partner_id"),
      )
      .where("i.organization_id", "=", organizationId)
      .where("i.wave_id", "=", waveId),
    { organizationId, ownerUserId },
    "i.partner_id",
  ).select((eb) => {
    const flag = (
      c: "i.sent_at" | "i.bounced_at" | "i.unsubscribed_at" | "i.clicked_at" | "i.responded_at",
    ) => eb.fn.sum<number>(eb.case().when(c, "is not", null).then(1).else(0).end());
    return [
      eb.fn.countAll<number>().as("invited"),
      flag("i.sent_at").as("sent"),
      flag("i.bounced_at").as("bounced"),
      flag("i.unsubscribed_at").as("unsubscribed"),
      flag("i.clicked_at").as("clicked"),
      flag("i.responded_at").as("responded"),
    ];
  });
  if (!column) return (await base.execute()).map((row) => ({ key: null as string | null, ...row }));
  return base
    .select(sql<string | null>`${sql.ref(column)}`.as("key"))
    .groupBy(column)
    .execute();
}

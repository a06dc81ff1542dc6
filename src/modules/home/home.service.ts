import type { Executor } from "../../db/database.js";
import { listOrganizations, type Organization } from "../organizations/organization.repository.js";

export interface OrganizationSummary {
  organization: Organization;
  partners: number;
  contacts: number;
  responses: number;
  promoters: number;
  detractors: number;
  imports: {
    kind: string;
    file_name: string;
    accepted: number;
    rejected: number;
    inserted: number;
    created_at: string;
  }[];
  topPartners: { name: string; tier: string | null; region: string | null; responses: number }[];
}

async function count(db: Executor, table: "partners" | "contacts", organizationId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .where("archived_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the start page shows: real counts from the rollups and the import history. */
export async function summarizeOrganizations(db: Executor): Promise<OrganizationSummary[]> {
  const organizations = await listOrganizations(db);
  return Promise.all(
    organizations.map(async (organization) => {
      const id = organization.organization_id;
      const scores = await db
        .selectFrom("score_rollups")
        .select(["score", (eb) => eb.fn.sum<number>("responses").as("n")])
        .where("organization_id", "=", id)
        .where("dimension", "=", "all")
        .groupBy("score")
        .execute();
      let responses = 0;
      let promoters = 0;
      let detractors = 0;
      for (const row of scores) {
        const n = Number(row.n);
        responses += n;
        if (row.score >= 9) promoters += n;
        else if (row.score <= 6) detractors += n;
      }
      const imports = await db
        .selectFrom("imports")
        .select(["kind", "file_name", "accepted", "rejected", "inserted", "created_at"])
        .where("organization_id", "=", id)
        .orderBy("created_at", "desc")
        .limit(10)
        .execute();
      const topPartners = await db
        .selectFrom("score_rollups as r")
        .innerJoin("partners as p", (join) =>
          join
            .onRef("p.organization_id", "=", "r.organization_id")
            .onRef("p.partner_id", "=", "r.dimension_value"),
        )
        .select(["p.name", "p.tier", "p.region", (eb) => eb.fn.sum<number>("r.responses").as("responses")])
        .where("r.organization_id", "=", id)
        .where("r.dimension", "=", "partner")
        .groupBy(["p.partner_id", "p.name", "p.tier", "p.region"])
        .orderBy("responses", "desc")
        .limit(10)
        .execute();
      return {
        organization,
        partners: await count(db, "partners", id),
        contacts: await count(db, "contacts", id),
        responses,
        promoters,
        detractors,
        imports,
        topPartners: topPartners.map((p) => ({ ...p, responses: Number(p.responses) })),
      };
    }),
  );
}

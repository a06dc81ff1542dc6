import type { Kysely } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { down, up } from "../../db/migrations/005-cases.js";
import { createTestDatabase, describeEachDialect, type TestDatabase } from "../../test-support/databases.js";
import { createOrganization } from "../organizations/organization.service.js";

describeEachDialect("migration 005-cases", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(async () => database?.destroy());

  it("seeds the default rules and root causes of organizations that existed before it, and rolls back", async () => {
    const raw = database.db as unknown as Kysely<unknown>;
    await down(raw);
    const organization = await createOrganization(database.db, { name: "Before Cases" });
    await up(raw);
    const rules = await database.db
      .selectFrom("case_rules")
      .select(["rule_id", "kind", "params", "enabled", "sla_business_days", "priority"])
      .where("organization_id", "=", organization.organization_id)
      .orderBy("rule_id")
      .execute();
    expect(rules).toEqual([
      {
        rule_id: "detractor",
        kind: "detractor",
        params: '{"maxScore":6}',
        enabled: 1,
        sla_business_days: null,
        priority: "high",
      },
      {
        rule_id: "partner_nps_drop",
        kind: "partner_nps_drop",
        params: '{"points":20,"minResponses":5}',
        enabled: 1,
        sla_business_days: null,
        priority: "high",
      },
      {
        rule_id: "passive_at_key_partner",
        kind: "passive_at_key_partner",
        params: '{"tiers":["platinum"],"includeStrategic":true}',
        enabled: 1,
        sla_business_days: null,
        priority: "normal",
      },
    ]);
    const causes = await database.db
      .selectFrom("root_causes")
      .select("root_cause_id")
      .where("organization_id", "=", organization.organization_id)
      .execute();
    expect(causes).toHaveLength(10);
  });
});

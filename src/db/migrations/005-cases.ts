import { type Kysely, sql } from "kysely";
import { defaultCaseRules } from "../../core/cases/case-rules.js";
import { defaultRootCauses } from "../../core/cases/root-causes.js";

const ORG = "organization_id";

/**
 * Closing the loop: case rules as data, one row per (rule, response) that opened or joined a case (the
 * idempotency key of the response.received job), an editable root-cause taxonomy, recoveries and a
 * partner timeline. Existing organizations get the default rules and root causes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_rules")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("sla_business_days", "integer")
    .addColumn("priority", "text", (c) => c.notNull().defaultTo("normal"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_rules_pk", [ORG, "rule_id"])
    .execute();

  for (const column of ["rule_id", "priority", "opened_category", "reason"]) {
    await db.schema.alterTable("follow_up_cases").addColumn(column, "text").execute();
  }
  await db.schema
    .createIndex("follow_up_cases_partner_ix")
    .on("follow_up_cases")
    .columns([ORG, "partner_id", "status"])
    .execute();

  await db.schema
    .createTable("case_rule_matches")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_rule_matches_pk", [ORG, "rule_id", "response_id"])
    .addForeignKeyConstraint("case_rule_matches_case_fk", [ORG, "case_id"], "follow_up_cases", [
      ORG,
      "case_id",
    ])
    .execute();

  await db.schema
    .createTable("root_causes")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("root_cause_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("archived_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("root_causes_pk", [ORG, "root_cause_id"])
    .addUniqueConstraint("root_causes_name_uq", [ORG, "name"])
    .execute();

  await db.schema
    .createTable("case_recoveries")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("previous_category", "text", (c) => c.notNull())
    .addColumn("new_category", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_recoveries_pk", [ORG, "case_id"])
    .addForeignKeyConstraint("case_recoveries_case_fk", [ORG, "case_id"], "follow_up_cases", [ORG, "case_id"])
    .execute();

  await db.schema
    .createTable("partner_timeline")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("entry_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("entity_type", "text")
    .addColumn("entity_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("partner_timeline_pk", [ORG, "entry_id"])
    .addForeignKeyConstraint("partner_timeline_partner_fk", [ORG, "partner_id"], "partners", [
      ORG,
      "partner_id",
    ])
    .execute();
  await db.schema
    .createIndex("partner_timeline_partner_ix")
    .on("partner_timeline")
    .columns([ORG, "partner_id", "created_at"])
    .execute();

  const now = new Date().toISOString();
  const organizations = await sql<{
    organization_id: string;
  }>`select organization_id from organizations`.execute(db);
  for (const { organization_id } of organizations.rows) {
    for (const rule of defaultCaseRules()) {
      await sql`insert into case_rules (organization_id, rule_id, kind, name, params, enabled, sla_business_days, priority, created_at, updated_at)
        values (${organization_id}, ${rule.ruleId}, ${rule.kind}, ${rule.name}, ${JSON.stringify(rule.params)}, 1, ${rule.slaBusinessDays}, ${rule.priority}, ${now}, ${now})`.execute(
        db,
      );
    }
    for (const cause of defaultRootCauses()) {
      await sql`insert into root_causes (organization_id, root_cause_id, name, description, archived_at, created_at)
        values (${organization_id}, ${cause.id}, ${cause.name}, ${null}, ${null}, ${now})`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "partner_timeline",
    "case_recoveries",
    "root_causes",
    "case_rule_matches",
    "case_rules",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex("follow_up_cases_partner_ix").execute();
  for (const column of ["rule_id", "priority", "opened_category", "reason"]) {
    await db.schema.alterTable("follow_up_cases").dropColumn(column).execute();
  }
}

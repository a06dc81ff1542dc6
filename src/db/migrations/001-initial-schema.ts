import { type CreateTableBuilder, type Kysely, sql } from "kysely";

// Portable column types: text ids and ISO timestamps, integer flags, double precision amounts.
type Table = CreateTableBuilder<string, string>;

const ORG = "organization_id";

function withTimestamps(table: Table): Table {
  return table.addColumn("created_at", "text", (c) => c.notNull());
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn(ORG, "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("company_name", "text", (c) => c.notNull())
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .$call(withTimestamps)
    .execute();

  await db.schema
    .createTable("users")
    .addColumn(ORG, "text", (c) => c.notNull().references("organizations.organization_id"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("lead_user_id", "text")
    .$call(withTimestamps)
    .addColumn("disabled_at", "text")
    .addPrimaryKeyConstraint("users_pk", [ORG, "user_id"])
    .addUniqueConstraint("users_email_uq", [ORG, "email"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .$call(withTimestamps)
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("sessions_pk", [ORG, "session_id"])
    .addForeignKeyConstraint("sessions_user_fk", [ORG, "user_id"], "users", [ORG, "user_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("api_keys")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("api_key_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("key_prefix", "text", (c) => c.notNull())
    .addColumn("key_hash", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_by_user_id", "text")
    .$call(withTimestamps)
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .addPrimaryKeyConstraint("api_keys_pk", [ORG, "api_key_id"])
    .addUniqueConstraint("api_keys_hash_uq", [ORG, "key_hash"])
    .addForeignKeyConstraint("api_keys_org_fk", [ORG], "organizations", [ORG])
    .execute();

  await db.schema
    .createTable("partners")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("external_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text")
    .addColumn("tier", "text")
    .addColumn("region", "text")
    .addColumn("country", "text")
    .addColumn("industry", "text")
    .addColumn("size", "text")
    .addColumn("owner_user_id", "text")
    .addColumn("annual_revenue", "double precision")
    .addColumn("renewal_date", "text")
    .addColumn("strategic", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("custom", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("archived_at", "text")
    .$call(withTimestamps)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("partners_pk", [ORG, "partner_id"])
    .addUniqueConstraint("partners_external_uq", [ORG, "external_id"])
    .addForeignKeyConstraint("partners_org_fk", [ORG], "organizations", [ORG])
    .addForeignKeyConstraint("partners_owner_fk", [ORG, "owner_user_id"], "users", [ORG, "user_id"])
    .execute();
  await db.schema.createIndex("partners_name_ix").on("partners").columns([ORG, "name"]).execute();

  await db.schema
    .createTable("contacts")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("external_id", "text")
    .addColumn("name", "text")
    .addColumn("email", "text")
    .addColumn("role", "text")
    .addColumn("language", "text")
    .addColumn("consent", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("unsubscribed_at", "text")
    .addColumn("bounced_at", "text")
    .addColumn("custom", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("archived_at", "text")
    .$call(withTimestamps)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("contacts_pk", [ORG, "contact_id"])
    .addUniqueConstraint("contacts_external_uq", [ORG, "external_id"])
    .addForeignKeyConstraint("contacts_partner_fk", [ORG, "partner_id"], "partners", [ORG, "partner_id"])
    .execute();
  await db.schema.createIndex("contacts_partner_ix").on("contacts").columns([ORG, "partner_id"]).execute();
  await db.schema.createIndex("contacts_email_ix").on("contacts").columns([ORG, "email"]).execute();

  await db.schema
    .createTable("surveys")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("default_language", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("languages", "text", (c) => c.notNull().defaultTo('["en"]'))
    .addColumn("questions", "text", (c) => c.notNull().defaultTo("{}"))
    .$call(withTimestamps)
    .addColumn("archived_at", "text")
    .addPrimaryKeyConstraint("surveys_pk", [ORG, "survey_id"])
    .addForeignKeyConstraint("surveys_org_fk", [ORG], "organizations", [ORG])
    .execute();

  await db.schema
    .createTable("waves")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("wave_id", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("audience", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("reminder_days", "text", (c) => c.notNull().defaultTo("[4,9]"))
    .addColumn("scheduled_at", "text")
    .addColumn("opened_at", "text")
    .addColumn("closes_at", "text")
    .addColumn("closed_at", "text")
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("waves_pk", [ORG, "wave_id"])
    .addForeignKeyConstraint("waves_survey_fk", [ORG, "survey_id"], "surveys", [ORG, "survey_id"])
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("invitation_id", "text", (c) => c.notNull())
    .addColumn("wave_id", "text")
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("event_type", "text")
    .addColumn("event_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("delivered_at", "text")
    .addColumn("bounced_at", "text")
    .addColumn("clicked_at", "text")
    .addColumn("responded_at", "text")
    .addColumn("reminders_sent", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_reminded_at", "text")
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("invitations_pk", [ORG, "invitation_id"])
    .addUniqueConstraint("invitations_token_uq", [ORG, "token_hash"])
    .addUniqueConstraint("invitations_event_uq", [ORG, "event_id"])
    .addForeignKeyConstraint("invitations_contact_fk", [ORG, "contact_id"], "contacts", [ORG, "contact_id"])
    .addForeignKeyConstraint("invitations_partner_fk", [ORG, "partner_id"], "partners", [ORG, "partner_id"])
    .addForeignKeyConstraint("invitations_wave_fk", [ORG, "wave_id"], "waves", [ORG, "wave_id"])
    .addForeignKeyConstraint("invitations_survey_fk", [ORG, "survey_id"], "surveys", [ORG, "survey_id"])
    .execute();
  await db.schema
    .createIndex("invitations_wave_ix")
    .on("invitations")
    .columns([ORG, "wave_id", "status"])
    .execute();
  await db.schema
    .createIndex("invitations_contact_ix")
    .on("invitations")
    .columns([ORG, "contact_id", "created_at"])
    .execute();

  await db.schema
    .createTable("imports")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("import_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("encoding", "text", (c) => c.notNull())
    .addColumn("delimiter", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("accepted", "integer", (c) => c.notNull())
    .addColumn("inserted", "integer", (c) => c.notNull())
    .addColumn("updated", "integer", (c) => c.notNull())
    .addColumn("unchanged", "integer", (c) => c.notNull())
    .addColumn("rejected", "integer", (c) => c.notNull())
    .addColumn("errors", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("imports_pk", [ORG, "import_id"])
    .addForeignKeyConstraint("imports_org_fk", [ORG], "organizations", [ORG])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text")
    .addColumn("invitation_id", "text")
    .addColumn("survey_id", "text")
    .addColumn("wave_id", "text")
    .addColumn("external_id", "text")
    .addColumn("score", "integer", (c) => c.notNull().check(sqlScoreCheck()))
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("answers", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("language", "text")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("period_month", "text", (c) => c.notNull())
    .addColumn("partner_tier", "text")
    .addColumn("partner_type", "text")
    .addColumn("partner_region", "text")
    .addColumn("partner_country", "text")
    .addColumn("partner_industry", "text")
    .addColumn("partner_size", "text")
    .addColumn("owner_user_id", "text")
    .addColumn("contact_role", "text")
    .addColumn("import_id", "text")
    .$call(withTimestamps)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("responses_pk", [ORG, "response_id"])
    .addUniqueConstraint("responses_external_uq", [ORG, "external_id"])
    .addUniqueConstraint("responses_invitation_uq", [ORG, "invitation_id"])
    .addForeignKeyConstraint("responses_partner_fk", [ORG, "partner_id"], "partners", [ORG, "partner_id"])
    .addForeignKeyConstraint("responses_contact_fk", [ORG, "contact_id"], "contacts", [ORG, "contact_id"])
    .addForeignKeyConstraint("responses_invitation_fk", [ORG, "invitation_id"], "invitations", [
      ORG,
      "invitation_id",
    ])
    .execute();
  await db.schema
    .createIndex("responses_submitted_ix")
    .on("responses")
    .columns([ORG, "submitted_at"])
    .execute();
  await db.schema
    .createIndex("responses_partner_ix")
    .on("responses")
    .columns([ORG, "partner_id", "submitted_at"])
    .execute();

  await db.schema
    .createTable("response_rollups")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("period_month", "text", (c) => c.notNull())
    .addColumn("tier", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("region", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("industry", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("wave_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("responses", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("response_rollups_pk", [
      ORG,
      "partner_id",
      "period_month",
      "tier",
      "type",
      "region",
      "country",
      "industry",
      "owner_user_id",
      "role",
      "survey_id",
      "wave_id",
      "channel",
      "score",
    ])
    .execute();
  await db.schema
    .createIndex("response_rollups_month_ix")
    .on("response_rollups")
    .columns([ORG, "period_month"])
    .execute();

  await db.schema
    .createTable("score_rollups")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("dimension", "text", (c) => c.notNull())
    .addColumn("dimension_value", "text", (c) => c.notNull())
    .addColumn("period_month", "text", (c) => c.notNull())
    .addColumn("score", "integer", (c) => c.notNull())
    .addColumn("responses", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("score_rollups_pk", [
      ORG,
      "dimension",
      "dimension_value",
      "period_month",
      "score",
    ])
    .execute();

  await db.schema
    .createTable("saved_mappings")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("mapping_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mapping", "text", (c) => c.notNull())
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("saved_mappings_pk", [ORG, "mapping_id"])
    .addUniqueConstraint("saved_mappings_name_uq", [ORG, "kind", "name"])
    .execute();

  await db.schema
    .createTable("follow_up_cases")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("owner_user_id", "text")
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("due_at", "text", (c) => c.notNull())
    .addColumn("first_contact_at", "text")
    .addColumn("resolved_at", "text")
    .addColumn("escalated_at", "text")
    .addColumn("root_causes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("action_taken", "text")
    .$call(withTimestamps)
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("follow_up_cases_pk", [ORG, "case_id"])
    .addForeignKeyConstraint("follow_up_cases_partner_fk", [ORG, "partner_id"], "partners", [
      ORG,
      "partner_id",
    ])
    .execute();
  await db.schema
    .createIndex("follow_up_cases_status_ix")
    .on("follow_up_cases")
    .columns([ORG, "status", "due_at"])
    .execute();

  await db.schema
    .createTable("case_responses")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("response_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_responses_pk", [ORG, "case_id", "response_id"])
    .addForeignKeyConstraint("case_responses_case_fk", [ORG, "case_id"], "follow_up_cases", [ORG, "case_id"])
    .addForeignKeyConstraint("case_responses_response_fk", [ORG, "response_id"], "responses", [
      ORG,
      "response_id",
    ])
    .execute();

  await db.schema
    .createTable("case_notes")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("note_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("case_notes_pk", [ORG, "note_id"])
    .addForeignKeyConstraint("case_notes_case_fk", [ORG, "case_id"], "follow_up_cases", [ORG, "case_id"])
    .execute();

  await db.schema
    .createTable("themes")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("theme_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("keywords", "text", (c) => c.notNull().defaultTo("[]"))
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("themes_pk", [ORG, "theme_id"])
    .addUniqueConstraint("themes_name_uq", [ORG, "name"])
    .execute();

  await db.schema
    .createTable("initiatives")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("initiative_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("theme_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("case_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("owner_user_id", "text")
    .addColumn("done_at", "text")
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("initiatives_pk", [ORG, "initiative_id"])
    .execute();

  await db.schema
    .createTable("operational_metrics")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("metric_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("operational_metrics_pk", [ORG, "metric_id"])
    .addUniqueConstraint("operational_metrics_uq", [ORG, "partner_id", "metric", "period"])
    .addForeignKeyConstraint("operational_metrics_partner_fk", [ORG, "partner_id"], "partners", [
      ORG,
      "partner_id",
    ])
    .execute();

  await db.schema
    .createTable("benchmarks")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("benchmark_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("year", "integer")
    .addColumn("segment", "text")
    .addColumn("statistic", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("benchmarks_pk", [ORG, "benchmark_id"])
    .execute();

  await db.schema
    .createTable("targets")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("segment", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("start_value", "double precision", (c) => c.notNull())
    .addColumn("target_value", "double precision", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("targets_pk", [ORG, "target_id"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("result", "text")
    .$call(withTimestamps)
    .addColumn("finished_at", "text")
    .addPrimaryKeyConstraint("jobs_pk", [ORG, "job_id"])
    .addUniqueConstraint("jobs_dedupe_uq", [ORG, "dedupe_key"])
    .execute();
  // The runner polls across organizations for due work; a local (non-unique) index is fine on Citus.
  await db.schema.createIndex("jobs_due_ix").on("jobs").columns(["status", "run_at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("audit_id", "text", (c) => c.notNull())
    .addColumn("actor", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .$call(withTimestamps)
    .addPrimaryKeyConstraint("audit_log_pk", [ORG, "audit_id"])
    .execute();
  await db.schema.createIndex("audit_log_time_ix").on("audit_log").columns([ORG, "created_at"]).execute();
}

function sqlScoreCheck() {
  return sql`score between 0 and 10`;
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "audit_log",
    "jobs",
    "targets",
    "benchmarks",
    "operational_metrics",
    "initiatives",
    "themes",
    "case_notes",
    "case_responses",
    "follow_up_cases",
    "saved_mappings",
    "score_rollups",
    "response_rollups",
    "responses",
    "imports",
    "invitations",
    "waves",
    "surveys",
    "contacts",
    "partners",
    "api_keys",
    "sessions",
    "users",
    "organizations",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

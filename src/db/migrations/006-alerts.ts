import type { Kysely } from "kysely";

const ORG = "organization_id";

/**
 * Alerts: each user's channels (email, Slack, Teams) with the events they want, one row per alert event
 * (so a reminder or an escalation happens once per case), one delivery per recipient channel, and the
 * "you said, we did" mails sent to contacts once per initiative.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("alert_preferences")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("events", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_preferences_pk", [ORG, "user_id", "channel"])
    .addForeignKeyConstraint("alert_preferences_user_fk", [ORG, "user_id"], "users", [ORG, "user_id"], (fk) =>
      fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("alert_events")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_events_pk", [ORG, "event", "subject_id"])
    .execute();

  await db.schema
    .createTable("alert_deliveries")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("alert_id", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("case_id", "text")
    .addColumn("initiative_id", "text")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("sending_at", "text")
    .addColumn("delivered_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("alert_deliveries_pk", [ORG, "alert_id"])
    .addUniqueConstraint("alert_deliveries_once_uq", [ORG, "event", "subject_id", "user_id", "channel"])
    .execute();

  await db.schema
    .createTable("initiative_messages")
    .addColumn(ORG, "text", (c) => c.notNull())
    .addColumn("initiative_id", "text", (c) => c.notNull())
    .addColumn("contact_id", "text", (c) => c.notNull())
    .addColumn("partner_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("sending_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("skipped_reason", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("initiative_messages_pk", [ORG, "initiative_id", "contact_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["initiative_messages", "alert_deliveries", "alert_events", "alert_preferences"]) {
    await db.schema.dropTable(table).execute();
  }
}

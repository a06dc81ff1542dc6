import { isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { Executor } from "../../db/database.js";
import { runNpsReport } from "../analytics/report.service.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { targetInputSchema, targetProgress } from "./target.js";

type TargetRow = {
  target_id: string;
  name: string;
  segment: string;
  start_value: number;
  target_value: number;
  start_date: string;
  due_date: string;
  created_at: string;
};

/** A target with its current NPS (since its start date, on its segment) and progress. */
async function withProgress(db: Executor, organizationId: string, row: TargetRow, today: string) {
  const segment = JSON.parse(row.segment) as Record<string, string[]>;
  const end = today < row.due_date ? today : row.due_date;
  const report = await runNpsReport(db, organizationId, { filters: segment, from: row.start_date, to: end });
  const current = report.overall.nps;
  return {
    ...row,
    segment,
    current: report.overall,
    ...targetProgress({ ...row, current, today }),
  };
}

export async function listTargets(context: ServiceContext) {
  const clock = context.clock ?? systemClock;
  const rows = await context.db
    .selectFrom("targets")
    .select([
      "target_id",
      "name",
      "segment",
      "start_value",
      "target_value",
      "start_date",
      "due_date",
      "created_at",
    ])
    .where("organization_id", "=", context.organizationId)
    .orderBy("due_date")
    .execute();
  const today = clock.now().toISOString().slice(0, 10);
  return {
    items: await Promise.all(rows.map((row) => withProgress(context.db, context.organizationId, row, today))),
  };
}

export async function createTarget(context: ServiceContext, input: unknown) {
  const data = parseInput(targetInputSchema, input, "target");
  const clock = context.clock ?? systemClock;
  const row = {
    target_id: newId(clock.now().getTime()),
    name: data.name,
    segment: JSON.stringify(data.segment),
    start_value: data.start_value,
    target_value: data.target_value,
    start_date: data.start_date,
    due_date: data.due_date,
    created_at: isoNow(clock),
  };
  await context.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("targets")
      .values({ organization_id: context.organizationId, ...row })
      .execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "target.created",
        entityType: "target",
        entityId: row.target_id,
      },
      clock,
    );
  });
  return withProgress(context.db, context.organizationId, row, clock.now().toISOString().slice(0, 10));
}

export async function deleteTarget(context: ServiceContext, targetId: string) {
  const result = await context.db
    .deleteFrom("targets")
    .where("organization_id", "=", context.organizationId)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFoundError("Target", targetId);
  await recordAudit(context.db, {
    organizationId: context.organizationId,
    actor: context.actor,
    action: "target.deleted",
    entityType: "target",
    entityId: targetId,
  });
  return { deleted: true };
}

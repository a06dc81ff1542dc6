import { isoNow, systemClock } from "../../core/clock.js";
import { NotFoundError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { benchmarkInputSchema } from "./benchmark.js";

export async function listBenchmarks(context: ServiceContext) {
  const items = await context.db
    .selectFrom("benchmarks")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .orderBy("name")
    .execute();
  return { items: items.map(({ organization_id: _org, ...rest }) => rest) };
}

export async function createBenchmark(context: ServiceContext, input: unknown) {
  const data = parseInput(benchmarkInputSchema, input, "benchmark");
  const clock = context.clock ?? systemClock;
  const row = {
    organization_id: context.organizationId,
    benchmark_id: newId(clock.now().getTime()),
    name: data.name,
    source: data.source,
    year: data.year ?? null,
    segment: data.segment ?? null,
    statistic: data.statistic,
    value: data.value,
    created_at: isoNow(clock),
  };
  await context.db.transaction().execute(async (trx) => {
    await trx.insertInto("benchmarks").values(row).execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "benchmark.created",
        entityType: "benchmark",
        entityId: row.benchmark_id,
      },
      clock,
    );
  });
  const { organization_id: _org, ...view } = row;
  return view;
}

export async function deleteBenchmark(context: ServiceContext, benchmarkId: string) {
  const result = await context.db
    .deleteFrom("benchmarks")
    .where("organization_id", "=", context.organizationId)
    .where("benchmark_id", "=", benchmarkId)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw new NotFoundError("Benchmark", benchmarkId);
  await recordAudit(context.db, {
    organizationId: context.organizationId,
    actor: context.actor,
    action: "benchmark.deleted",
    entityType: "benchmark",
    entityId: benchmarkId,
  });
  return { deleted: true };
}

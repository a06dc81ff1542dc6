/**
 * Analytics benchmark: the program overview (NPS with interval by tier × quarter over twelve quarters,
 * `runNpsReport`, answered from the rollups) on 10,000,000 responses and 20,000 partners.
 * - flat in volume: its latency at 10M ÷ its latency at 10k responses (goal ≤ 2);
 * - against a naive scan of the raw responses on the same 10M database in the same run (goal ≥ 50×);
 * - the real server (`partner-nps serve`) answering the REST endpoint: p50/p95 latency and its memory.
 * PostgreSQL, when reachable, as clearly labelled extra figures on a smaller load (default 1M responses).
 *
 * Flags: --responses=N (10,000,000) --small=N (10,000) --partners=N (20,000) --batch=N (100,000 responses
 * per transaction while generating) --runs=N (20 reports per repetition) --requests=N (200) --concurrency=N (4)
 * --regenerate (ignore the cached databases) --keep-data=off (remove the cached databases afterwards)
 * --postgres=off --postgres-responses=N (1,000,000) --postgres-minutes=N (30: load time limit).
 */
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "../src/db/database.js";
import type { NpsReport } from "../src/modules/analytics/report.service.js";
import { createApiKey, revokeApiKey } from "../src/modules/api-keys/api-key.service.js";
import { PERIOD, populate, TimeLimitError } from "./analytics-data.js";
import { type Dataset, ensureDataset, removeCachedDatasets } from "./analytics-dataset.js";
import {
  assertSameCounts,
  latency,
  naiveOverview,
  naivePlan,
  overviewUrl,
  rollupOverview,
} from "./analytics-queries.js";
import { type ServerLoad, serverLoad } from "./analytics-server.js";
import { flagParam, formatNumber, intParam, median, ratioMet, timed } from "./lib.js";
import { postgresProblem, postgresUrl, withSchema } from "./postgres.js";
import type { BenchOptions, BenchResult, Figure, Ratio } from "./types.js";

export const name = "analytics";

const FLAT_GOAL = 2;
const SPEEDUP_GOAL = 50;

const count = (n: number) => n.toLocaleString("en-US");
const short = (n: number) =>
  n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : count(n);
const pairs = (a: number[], b: number[]) => a.map((value, i) => value / b[i]!);

/** Checks the report is the overview the benchmark means: from the score cube, tiers × 12 quarters. */
function checkOverview(report: NpsReport, dataset: { responses: number }, label: string): void {
  const quarters = new Set(report.groups.map((g) => g.key.quarter));
  if (report.source !== "score_rollups")
    throw new Error(`${label}: answered from ${report.source}, not score_rollups`);
  if (quarters.size !== PERIOD.quarters || report.overall.n !== dataset.responses)
    throw new Error(
      `${label}: ${quarters.size} quarters and ${report.overall.n} responses, expected ${PERIOD.quarters} and ${dataset.responses}`,
    );
}

/** Runs `a` and `b` alternately `runs` times each, so both see the same moments of a noisy machine. */
async function alternating(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number) {
  const first: number[][] = [[], []];
  const second: number[][] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [work, into] of [
      [a, first],
      [b, second],
    ] as const) {
      const timing = await timed(work);
      into[0]!.push(timing.seconds * 1000);
      into[1]!.push(timing.cpuSeconds * 1000);
    }
  }
  return {
    a: { ms: median(first[0]!), cpuMs: median(first[1]!) },
    b: { ms: median(second[0]!), cpuMs: median(second[1]!) },
  };
}

interface PostgresFigures {
  responses: number;
  loadSeconds: { small: number; large: number };
  rollupSmall: number[];
  rollupLarge: number[];
  naiveLarge: number[];
  plan: string;
}

/** PostgreSQL extra: the same data shape in two throwaway schemas (small and `responses`), dropped after. */
async function measurePostgres(
  options: { responses: number; small: number; partners: number; batchSize: number; minutes: number },
  repetitions: number,
  runs: number,
  log: (message: string) => void,
): Promise<PostgresFigures> {
  const deadline = performance.now() + options.minutes * 60_000;
  const load = async (schema: string, responses: number) => {
    const database = openDatabase(postgresUrl, { schema });
    try {
      log(`PostgreSQL: loading ${count(responses)} responses into schema ${schema}`);
      const populated = await populate(database, {
        responses,
        partners: options.partners,
        batchSize: options.batchSize,
        log,
        deadline,
      });
      log(`PostgreSQL: ${count(responses)} responses loaded in ${Math.round(populated.seconds)} s`);
      return { database, populated };
    } catch (error) {
      await database.close();
      throw error;
    }
  };
  return withSchema("bench_analytics_small", (smallSchema) =>
    withSchema("bench_analytics_large", async (largeSchema) => {
      const small = await load(smallSchema, options.small);
      try {
        const large = await load(largeSchema, options.responses);
        try {
          const smallId = small.populated.organizationId;
          const largeId = large.populated.organizationId;
          // Statistics for the planner, as autovacuum would gather them on a live server.
          await sql`analyze`.execute(large.database.db);
          const warmSmall = await rollupOverview(small.database, smallId);
          const warmLarge = await rollupOverview(large.database, largeId);
          checkOverview(warmSmall, { responses: options.small }, "PostgreSQL small");
          checkOverview(warmLarge, { responses: options.responses }, "PostgreSQL large");
          assertSameCounts(warmLarge, await naiveOverview(large.database, largeId), "PostgreSQL");
          const figures: PostgresFigures = {
            responses: options.responses,
            loadSeconds: { small: small.populated.seconds, large: large.populated.seconds },
            rollupSmall: [],
            rollupLarge: [],
            naiveLarge: [],
            plan: await naivePlan(large.database, largeId),
          };
          for (let rep = 1; rep <= repetitions; rep++) {
            const pair = await alternating(
              () => rollupOverview(small.database, smallId),
              () => rollupOverview(large.database, largeId),
              runs,
            );
            const naive = await latency(() => naiveOverview(large.database, largeId), 1);
            figures.rollupSmall.push(pair.a.ms);
            figures.rollupLarge.push(pair.b.ms);
            figures.naiveLarge.push(naive.ms);
            log(
              `PostgreSQL rep ${rep}/${repetitions}: report ${formatNumber(pair.a.ms)} ms at ${short(options.small)}, ${formatNumber(pair.b.ms)} ms at ${short(options.responses)}; naive scan ${formatNumber(naive.ms)} ms`,
            );
          }
          return figures;
        } finally {
          await large.database.close();
        }
      } finally {
        await small.database.close();
      }
    }),
  );
}

export async function run({ repetitions, log, params }: BenchOptions): Promise<BenchResult> {
  const responses = intParam(params, "responses", 10_000_000);
  const smallResponses = intParam(params, "small", 10_000);
  const partners = intParam(params, "partners", 20_000);
  const batchSize = intParam(params, "batch", 100_000);
  const runs = intParam(params, "runs", 20);
  const requests = intParam(params, "requests", 200);
  const concurrency = intParam(params, "concurrency", 4);
  const regenerate = flagParam(params, "regenerate", false);
  const keepData = flagParam(params, "keep-data", true);
  let postgres = flagParam(params, "postgres", true);
  const postgresResponses = intParam(params, "postgres-responses", 1_000_000);
  const postgresMinutes = intParam(params, "postgres-minutes", 30);
  const big = short(responses);
  const little = short(smallResponses);
  const notes: string[] = [];

  try {
    const smallSet = await ensureDataset({ responses: smallResponses, partners, batchSize, regenerate, log });
    const largeSet = await ensureDataset({ responses, partners, batchSize, regenerate, log });
    const small = openDatabase(smallSet.file);
    const large = openDatabase(largeSet.file);
    const keys: { dataset: Dataset; apiKeyId: string; key: string }[] = [];
    try {
      for (const [dataset, database] of [
        [smallSet, small],
        [largeSet, large],
      ] as const) {
        const created = await createApiKey(database.db, {
          organizationId: dataset.organizationId,
          name: "bench analytics",
          scopes: ["read"],
        });
        keys.push({ dataset, ...created });
      }

      log("warm-up: one report and one naive scan on each database");
      const smallReport = await rollupOverview(small, smallSet.organizationId);
      const largeReport = await rollupOverview(large, largeSet.organizationId);
      checkOverview(smallReport, smallSet, `SQLite ${little}`);
      checkOverview(largeReport, largeSet, `SQLite ${big}`);
      assertSameCounts(smallReport, await naiveOverview(small, smallSet.organizationId), `SQLite ${little}`);
      const firstScan = await timed(() => naiveOverview(large, largeSet.organizationId));
      assertSameCounts(largeReport, firstScan.value, `SQLite ${big}`);
      log(`warm-up naive scan at ${big}: ${formatNumber(firstScan.seconds)} s`);
      const plan = await naivePlan(large, largeSet.organizationId);

      const rollupSmall: number[] = [];
      const rollupLarge: number[] = [];
      const cpuSmall: number[] = [];
      const cpuLarge: number[] = [];
      const naiveLarge: number[] = [];
      const naiveLargeCpu: number[] = [];
      const naiveSmall: number[] = [];
      const servers: { small: ServerLoad[]; large: ServerLoad[] } = { small: [], large: [] };

      for (let rep = 1; rep <= repetitions; rep++) {
        const pair = await alternating(
          () => rollupOverview(small, smallSet.organizationId),
          () => rollupOverview(large, largeSet.organizationId),
          runs,
        );
        rollupSmall.push(pair.a.ms);
        cpuSmall.push(pair.a.cpuMs);
        rollupLarge.push(pair.b.ms);
        cpuLarge.push(pair.b.cpuMs);
        const naive = await latency(() => naiveOverview(large, largeSet.organizationId), 1);
        naiveLarge.push(naive.ms);
        naiveLargeCpu.push(naive.cpuMs);
        naiveSmall.push((await latency(() => naiveOverview(small, smallSet.organizationId), runs)).ms);
        log(
          `rep ${rep}/${repetitions}: report ${formatNumber(pair.a.ms)} ms at ${little}, ${formatNumber(pair.b.ms)} ms at ${big}; naive scan ${formatNumber(naive.ms)} ms at ${big}`,
        );
        for (const size of ["large", "small"] as const) {
          const { dataset, key } = keys[size === "large" ? 1 : 0]!;
          const load = await serverLoad({
            file: dataset.file,
            url: overviewUrl,
            apiKey: key,
            requests,
            concurrency,
          });
          const body = load.firstBody as { groups?: unknown[]; source?: string };
          const expected = (size === "large" ? largeReport : smallReport).groups.length;
          if (body.source !== "score_rollups" || body.groups?.length !== expected)
            throw new Error(
              `the server answered ${body.groups?.length} groups from ${body.source}, expected ${expected} from score_rollups`,
            );
          servers[size].push(load);
          log(
            `rep ${rep}/${repetitions}: server at ${short(dataset.responses)}: p50 ${formatNumber(load.p50Ms)} ms, p95 ${formatNumber(load.p95Ms)} ms, RSS idle ${formatNumber(load.idleRssMiB)} MiB, serving ≤ ${formatNumber(load.servingRssMiB)} MiB`,
          );
        }
      }

      const figures: Figure[] = [
        {
          label: `Overview report (\`runNpsReport\`), ${little} responses`,
          unit: "ms",
          samples: rollupSmall,
        },
        { label: `Overview report (\`runNpsReport\`), ${big} responses`, unit: "ms", samples: rollupLarge },
        {
          label: `Naive scan of raw responses (baseline), ${big} responses`,
          unit: "ms",
          samples: naiveLarge,
        },
        {
          label: `Naive scan of raw responses, ${little} responses (for scale)`,
          unit: "ms",
          samples: naiveSmall,
        },
        { label: `Overview report CPU time, ${little} responses`, unit: "ms", samples: cpuSmall },
        { label: `Overview report CPU time, ${big} responses`, unit: "ms", samples: cpuLarge },
        { label: `Naive scan CPU time, ${big} responses`, unit: "ms", samples: naiveLargeCpu },
      ];
      for (const size of ["large", "small"] as const) {
        const at = size === "large" ? big : little;
        const loads = servers[size];
        figures.push(
          {
            label: `Server at ${at}: REST overview p50 (${concurrency} in flight)`,
            unit: "ms",
            samples: loads.map((l) => l.p50Ms),
          },
          { label: `Server at ${at}: REST overview p95`, unit: "ms", samples: loads.map((l) => l.p95Ms) },
          {
            label: `Server at ${at}: throughput`,
            unit: "requests/s",
            samples: loads.map((l) => l.requestsPerSecond),
          },
          {
            label: `Server at ${at}: server CPU time per request (user + system)`,
            unit: "ms",
            samples: loads.map((l) => l.cpuMsPerRequest),
          },
          {
            label: `Server at ${at}: RSS idle (after start-up and /healthz)`,
            unit: "MiB",
            samples: loads.map((l) => l.idleRssMiB),
          },
          {
            label: `Server at ${at}: RSS while serving (highest sample)`,
            unit: "MiB",
            samples: loads.map((l) => l.servingRssMiB),
          },
          {
            label: `Server at ${at}: peak RSS (VmHWM, since start)`,
            unit: "MiB",
            samples: loads.map((l) => l.peakRssMiB),
          },
        );
      }
      figures.push({
        label: `Server at ${big}: start-up to healthy /healthz`,
        unit: "s",
        samples: servers.large.map((l) => l.startupSeconds),
      });

      const flat: Ratio = {
        label: `Flatness: latency at ${little} ÷ latency at ${big} (goal ≥ ${1 / FLAT_GOAL}, i.e. ${big} ÷ ${little} ≤ ${FLAT_GOAL})`,
        samples: pairs(rollupSmall, rollupLarge),
        atLeast: 1 / FLAT_GOAL,
      };
      const speedUp: Ratio = {
        label: `Speed-up at ${big}: naive scan ÷ overview report`,
        samples: pairs(naiveLarge, rollupLarge),
        atLeast: SPEEDUP_GOAL,
      };
      const ratios: Ratio[] = [
        {
          label: `Overview latency at ${big} ÷ at ${little} (goal ≤ ${FLAT_GOAL})`,
          samples: pairs(rollupLarge, rollupSmall),
        },
        flat,
        speedUp,
        {
          label: `By CPU time: report CPU at ${big} ÷ at ${little} (cross-check)`,
          samples: pairs(cpuLarge, cpuSmall),
        },
        {
          label: `By CPU time: naive scan CPU ÷ report CPU at ${big} (cross-check)`,
          samples: pairs(naiveLargeCpu, cpuLarge),
        },
        {
          label: `Server: REST p50 at ${big} ÷ at ${little}`,
          samples: pairs(
            servers.large.map((l) => l.p50Ms),
            servers.small.map((l) => l.p50Ms),
          ),
        },
      ];

      // PostgreSQL: an extra on a smaller load, after the SQLite measurements.
      if (!postgres) notes.push("PostgreSQL was skipped (`--postgres=off`).");
      const problem = postgres ? await postgresProblem() : null;
      if (problem) {
        postgres = false;
        notes.push(`PostgreSQL at ${postgresUrl} was unreachable (${problem}): no PostgreSQL figures.`);
        log(`PostgreSQL unreachable, skipping it: ${problem}`);
      }
      if (postgres) {
        try {
          const pg = await measurePostgres(
            {
              responses: postgresResponses,
              small: smallResponses,
              partners,
              batchSize,
              minutes: postgresMinutes,
            },
            repetitions,
            runs,
            log,
          );
          const pgBig = short(pg.responses);
          figures.push(
            {
              label: `PostgreSQL (extra, ${pgBig} responses): overview report, ${little} responses`,
              unit: "ms",
              samples: pg.rollupSmall,
            },
            {
              label: `PostgreSQL (extra): overview report, ${pgBig} responses`,
              unit: "ms",
              samples: pg.rollupLarge,
            },
            {
              label: `PostgreSQL (extra): naive scan, ${pgBig} responses`,
              unit: "ms",
              samples: pg.naiveLarge,
            },
          );
          ratios.push(
            {
              label: `PostgreSQL (extra): overview latency at ${pgBig} ÷ at ${little}`,
              samples: pairs(pg.rollupLarge, pg.rollupSmall),
            },
            {
              label: `PostgreSQL (extra): naive scan ÷ overview report at ${pgBig}`,
              samples: pairs(pg.naiveLarge, pg.rollupLarge),
            },
          );
          notes.push(
            `PostgreSQL (extra, not the goal): ${count(pg.responses)} responses instead of ${count(responses)}, loaded through the same write path (\`insertResponsesWithRollups\`, which uses multi-row inserts on PostgreSQL, no COPY) into a throwaway schema in ${Math.round(pg.loadSeconds.large)} s (${count(smallResponses)} in ${Math.round(pg.loadSeconds.small)} s), \`analyze\`d, dropped afterwards; \`--postgres-responses=N\` changes the size, \`--postgres-minutes=N\` the load time limit (${postgresMinutes} min). Naive scan plan: ${pg.plan}.`,
          );
        } catch (error) {
          const reason = String(error instanceof Error ? error.message : error).slice(0, 200);
          const limited = error instanceof TimeLimitError;
          notes.push(
            limited
              ? `PostgreSQL was skipped: loading ${count(postgresResponses)} responses hit the ${postgresMinutes}-minute limit (${reason}; \`--postgres-minutes=N\`, \`--postgres-responses=N\`).`
              : `PostgreSQL failed (${reason}): no PostgreSQL figures.`,
          );
          log(`PostgreSQL ${limited ? "time limit" : "failed"}: ${reason}`);
        }
      }

      const generation = (dataset: Dataset) =>
        dataset.reused
          ? `reused from the cache (generated ${dataset.generatedAt.slice(0, 16).replace("T", " ")} UTC in ${formatNumber(dataset.generatedSeconds / 60)} min)`
          : `generated by this run in ${formatNumber(dataset.generatedSeconds / 60)} min`;
      const size = (dataset: Dataset) => `${formatNumber(dataset.fileBytes / 2 ** 30)} GiB`;
      notes.unshift(
        `Data: ${count(partners)} partners (2% Platinum, 8% Gold, 25% Silver, 65% Registered; 14 countries in 3 regions, 5 types, 6 industries, 60 partner managers), responses over the 12 quarters 2023-Q1 – 2025-Q4 in quarterly waves growing 3% a quarter, more responses per partner in higher tiers, scores from a latent tier mean + partner mood + slow trend + noise (overall NPS ≈ +10, higher in higher tiers), 6 contact roles, 2 channels, 35% with a comment.`,
        `Write path: the product's \`insertResponsesWithRollups\` (better-sqlite3 per-row inserts + the rollup upserts), ${count(largeSet.batchSize)} responses per transaction in chronological order; the generating connection alone gets a 2 GB SQLite page cache (\`cache_size\`), the measured connections and the server keep the app's defaults. ${big}: ${generation(largeSet)}, ${size(largeSet)} on disk; ${little}: ${generation(smallSet)}. Cached as ${path.basename(largeSet.file)} under os.tmpdir() (generator version in the name): a re-run skips the generation; \`--regenerate\` forces it, \`--keep-data=off\` removes the cache afterwards.`,
        `Tables at ${big}: ${count(largeSet.tables.responses)} responses, ${count(largeSet.tables.response_rollups)} response_rollups (per-partner cube), ${count(largeSet.tables.score_rollups)} score_rollups, of which ${count(largeSet.tables.score_rollups_tier)} for the tier dimension the overview reads (${count(smallSet.tables.score_rollups_tier)} at ${little}).`,
        `Overview: \`runNpsReport(db, org, { groupBy: ["tier", "quarter"], from: "${PERIOD.from}", to: "${PERIOD.to}" })\`, answered from score_rollups (checked), ${largeReport.groups.length} groups with adjusted-Wald 95% intervals; same connection settings as the app (\`openDatabase\`). Each repetition runs it ${runs} times at ${little} and ${big} alternately (median of each), after one warm-up report per database.`,
        `Naive baseline: one SQL statement over \`responses\` grouping by partner_tier and quarter (from \`substr(submitted_at)\`), counting promoters, passives and detractors, then \`computeNps\` per group in JS; one run per repetition after a warm-up run (first, cold-ish run: ${formatNumber(firstScan.seconds)} s). Its counts and intervals equal the report's (checked). SQLite plan: ${plan}.`,
        `Server: \`node bin/partner-nps.js --db FILE serve --host 127.0.0.1 --port <free port> --no-jobs\` as a child process (TypeScript through tsx, JSON logs to /dev/null), ${requests} GET ${overviewUrl} with an API key (\`createApiKey\`, read scope, revoked afterwards), ${concurrency} in flight over keep-alive connections, after one warm-up request; RSS read from /proc/<pid>/status every 10 ms; the server is stopped with SIGTERM (SIGKILL after 10 s).`,
        "Latency figures are wall-clock on a shared, noisy machine; CPU times are this process's user + system time and vary less. The goals are judged on the wall-clock ratios.",
      );

      const flatMet = ratioMet(flat);
      const speedMet = ratioMet(speedUp);
      return {
        title: `Analytics: program overview on ${count(responses)} responses, ${count(partners)} partners`,
        description: `The program overview (NPS with interval by tier × quarter over 12 quarters, \`runNpsReport\` from the rollups) at ${count(smallResponses)} and ${count(responses)} responses, against a naive scan of the raw responses in the same run, and served by the real server over REST.`,
        figures,
        ratios,
        goal: `overview latency at ${big} ≤ ${FLAT_GOAL} × at ${little} (median ${formatNumber(median(pairs(rollupLarge, rollupSmall)))}) and ≥ ${SPEEDUP_GOAL}× faster than the naive scan (median ${formatNumber(median(speedUp.samples))}×)`,
        met: flatMet === null || speedMet === null ? null : flatMet && speedMet,
        notes,
      };
    } finally {
      for (const { dataset, apiKeyId } of keys) {
        const database = dataset === smallSet ? small : large;
        await revokeApiKey(database.db, dataset.organizationId, apiKeyId).catch(() => undefined);
      }
      await small.close();
      await large.close();
    }
  } finally {
    if (!keepData) {
      const removed = removeCachedDatasets();
      log(`removed the cached databases (${removed.length} files)`);
    }
  }
}

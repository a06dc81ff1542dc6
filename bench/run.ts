/**
 * Benchmark harness: `npm run bench [-- NAME… --reps=N --key=value…]`.
 *
 * Runs the benchmark modules `bench/<name>.bench.ts` (all of them, or those named) one after the other,
 * prints progress to stderr and rewrites docs/benchmarks.md: the sections of the benchmarks run are
 * replaced, the others are kept. Each module exports `name` and `run(options): Promise<BenchResult>`.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Machine, parseSections, renderDocument, renderSection } from "./report.js";
import type { Benchmark, BenchOptions } from "./types.js";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const OUTPUT = path.join(BENCH_DIR, "..", "docs", "benchmarks.md");
const SUFFIX = ".bench.ts";
const USAGE = `Usage: npm run bench -- [NAME…] [--reps=N] [--key=value…]
  NAME        benchmarks to run (default: all of bench/*${SUFFIX})
  --reps=N    repetitions per measurement, reported as the median (default 3)
  --key=value passed to the benchmarks (e.g. --rows=100000, --postgres=off)`;

interface Cli {
  names: string[];
  repetitions: number;
  params: Record<string, string>;
}

function parseCli(argv: readonly string[]): Cli {
  const cli: Cli = { names: [], repetitions: 3, params: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      console.error(USAGE);
      process.exit(0);
    }
    if (!arg.startsWith("--")) {
      cli.names.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split(/=(.*)/s) as [string, string | undefined];
    const value = inline ?? (argv[i + 1]?.startsWith("--") === false ? argv[++i]! : "true");
    if (key === "reps") {
      cli.repetitions = Number(value);
      if (!Number.isInteger(cli.repetitions) || cli.repetitions < 1)
        throw new Error("--reps must be a positive integer");
    } else cli.params[key] = value;
  }
  return cli;
}

function availableBenchmarks(): string[] {
  return fs
    .readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
    .sort();
}

async function loadBenchmark(name: string): Promise<Benchmark> {
  const module = (await import(
    pathToFileURL(path.join(BENCH_DIR, `${name}${SUFFIX}`)).href
  )) as Partial<Benchmark>;
  if (typeof module.run !== "function" || module.name !== name)
    throw new Error(`bench/${name}${SUFFIX} must export name = "${name}" and run(options)`);
  return { name, run: module.run };
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: BENCH_DIR,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

function machine(): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    commit: gitCommit(),
    node: process.version,
    cores: cpus.length,
    cpu: cpus[0]?.model.trim().replace(/\s+/g, " ") ?? "unknown CPU",
    platform: `${os.platform()} ${os.arch()}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

async function main(): Promise<number> {
  const cli = parseCli(process.argv.slice(2));
  const available = availableBenchmarks();
  const unknown = cli.names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Available: ${available.join(", ")}`);
    return 2;
  }
  const names = cli.names.length > 0 ? [...new Set(cli.names)] : available;
  const host = machine();
  console.error(
    `Benchmarks: ${names.join(", ")} · ${cli.repetitions} repetition(s) · ${host.cores} cores · Node ${host.node}`,
  );

  const fresh = new Map<string, string>();
  const failed: string[] = [];
  let tmpDir: string | null = null;
  const cleanUp = () => {
    if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    tmpDir = null;
  };
  process.once("SIGINT", () => {
    cleanUp();
    process.exit(130);
  });

  for (const name of names) {
    const start = performance.now();
    const log = (message: string) =>
      console.error(`[${name} ${formatElapsed(performance.now() - start)}] ${message}`);
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `partner-nps-bench-${name}-`));
    const options: BenchOptions = { repetitions: cli.repetitions, tmpDir, log, params: cli.params };
    try {
      const benchmark = await loadBenchmark(name);
      log("starting");
      const result = await benchmark.run(options);
      fresh.set(name, renderSection(name, result, host, cli.repetitions));
      const verdict = result.met === null ? "goal not evaluated" : result.met ? "goal met" : "goal NOT met";
      log(`done: ${verdict}`);
    } catch (error) {
      failed.push(name);
      log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } finally {
      cleanUp();
    }
  }

  if (fresh.size > 0) {
    const previous = fs.existsSync(OUTPUT) ? parseSections(fs.readFileSync(OUTPUT, "utf8")) : new Map();
    const document = renderDocument({
      order: available,
      fresh,
      previous,
      machine: host,
      ran: [...fresh.keys()],
    });
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, document);
    console.error(`Wrote ${path.relative(process.cwd(), OUTPUT)} (${[...fresh.keys()].join(", ")})`);
  }
  if (failed.length > 0) console.error(`Failed: ${failed.join(", ")} (their previous sections were kept)`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();

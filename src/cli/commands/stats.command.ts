import { type Command, type CommanderError, InvalidArgumentError, Option } from "commander";
import {
  COMPARE_METHODS,
  compareNps,
  computeNps,
  DEFAULT_CONFIDENCE,
  DEFAULT_METHOD,
  DEFAULT_SMALL_SAMPLE_THRESHOLD,
  DomainError,
  NPS_METHODS,
  type NpsComparison,
  type NpsCounts,
  type NpsResult,
  roundHalfAwayFromZero,
} from "../../core/statistics/index.js";

// Invalid input of any kind (bad option value, missing option, domain error) exits 2 with no stack trace.
const USAGE_EXIT_CODE = 2;

function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError("Expected a non-negative whole number.");
  const count = Number(value.trim());
  if (!Number.isSafeInteger(count)) throw new InvalidArgumentError("The number is too large.");
  return count;
}

function parseConfidence(value: string): number {
  const confidence = Number(value.trim());
  if (value.trim() === "" || !Number.isFinite(confidence) || confidence <= 0 || confidence >= 1) {
    throw new InvalidArgumentError("Expected a number strictly between 0 and 1, e.g. 0.95.");
  }
  return confidence;
}

function parseTriple(value: string): NpsCounts {
  const parts = value.split(",");
  if (parts.length !== 3) {
    throw new InvalidArgumentError("Expected three counts as promoters,passives,detractors, e.g. 40,30,10.");
  }
  const [promoters, passives, detractors] = parts.map(parseCount) as [number, number, number];
  return { promoters, passives, detractors };
}

function parsePrior(value: string): NpsCounts {
  const parts = value.split(",").map((part) => Number(part.trim()));
  const [promoters, passives, detractors] = parts as [number, number, number];
  if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part) || part <= 0)) {
    throw new InvalidArgumentError(
      "Expected three positive numbers as promoters,passives,detractors, e.g. 1,1,1.",
    );
  }
  return { promoters, passives, detractors };
}

function formatPoints(value: number, digits: number): string {
  return roundHalfAwayFromZero(value, digits).toFixed(digits);
}

function formatConfidence(confidence: number): string {
  return `${roundHalfAwayFromZero(confidence * 100, 6)}%`;
}

function summarizeNps(result: NpsResult): string {
  if (result.nps === null || result.interval === null) return `No score (n=0): there are no responses yet.`;
  const flag = result.small_sample ? ", small sample" : "";
  return (
    `NPS ${result.nps_rounded} (${formatConfidence(result.confidence)} ${result.method} interval ` +
    `${formatPoints(result.interval.low, 1)} to ${formatPoints(result.interval.high, 1)}, n=${result.n}${flag})`
  );
}

function summarizeComparison(result: NpsComparison): string {
  if (result.difference === null || result.interval === null) {
    return "No comparison: at least one sample has no responses.";
  }
  const test =
    result.z === null || result.p === null
      ? "z and p undefined: both samples have zero variance"
      : `z=${result.z.toFixed(2)}, p=${result.p < 0.0001 ? result.p.toExponential(2) : result.p.toFixed(4)}`;
  return (
    `Difference ${formatPoints(result.difference, 1)} points (${formatConfidence(result.confidence)} ` +
    `${result.method} interval ${formatPoints(result.interval.low, 1)} to ` +
    `${formatPoints(result.interval.high, 1)}, ${test})`
  );
}

function fail(message: string): void {
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = USAGE_EXIT_CODE;
}

// Commander has already printed its message; only the exit code changes (help and version still exit 0).
function exitWithUsageCode(error: CommanderError): never {
  process.exit(error.exitCode === 0 ? 0 : USAGE_EXIT_CODE);
}

function runSafely(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    fail(error.message);
  }
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

interface NpsCommandOptions {
  promoters: number;
  passives: number;
  detractors: number;
  method: (typeof NPS_METHODS)[number];
  confidence: number;
  smallSample: number;
  prior?: NpsCounts;
  json?: boolean;
}

interface CompareCommandOptions {
  a: NpsCounts;
  b: NpsCounts;
  method: (typeof COMPARE_METHODS)[number];
  confidence: number;
  json?: boolean;
}

export function registerStatsCommands(program: Command): void {
  const stats = program
    .command("stats")
    .description("NPS statistics from counts: score with interval, and two-sample comparison (NPS points).")
    .exitOverride(exitWithUsageCode);

  stats
    .command("nps")
    .description("NPS with its interval from promoter, passive and detractor counts.")
    .requiredOption("--promoters <count>", "number of promoters (9–10)", parseCount)
    .requiredOption("--passives <count>", "number of passives (7–8)", parseCount)
    .requiredOption("--detractors <count>", "number of detractors (0–6)", parseCount)
    .addOption(
      new Option("--method <method>", "interval method").choices(NPS_METHODS).default(DEFAULT_METHOD),
    )
    .option(
      "--confidence <level>",
      "confidence level, strictly between 0 and 1",
      parseConfidence,
      DEFAULT_CONFIDENCE,
    )
    .option(
      "--small-sample <n>",
      "flag figures with fewer responses than this",
      parseCount,
      DEFAULT_SMALL_SAMPLE_THRESHOLD,
    )
    .option("--prior <p,a,d>", "Dirichlet prior for --method bayes (default 1,1,1)", parsePrior)
    .option("--json", "print the full result as JSON")
    .exitOverride(exitWithUsageCode)
    .action((options: NpsCommandOptions) =>
      runSafely(() => {
        const result = computeNps(
          { promoters: options.promoters, passives: options.passives, detractors: options.detractors },
          {
            method: options.method,
            confidence: options.confidence,
            smallSampleThreshold: options.smallSample,
            ...(options.prior ? { prior: options.prior } : {}),
          },
        );
        if (options.json) printJson(result);
        else process.stdout.write(`${summarizeNps(result)}\n`);
      }),
    );

  stats
    .command("compare")
    .description("Compare two independent samples: difference NPS(a) − NPS(b) with SE, z, p and interval.")
    .requiredOption("--a <p,a,d>", "first sample as promoters,passives,detractors", parseTriple)
    .requiredOption("--b <p,a,d>", "second sample as promoters,passives,detractors", parseTriple)
    .addOption(
      new Option("--method <method>", "interval method").choices(COMPARE_METHODS).default("adjusted-wald"),
    )
    .option(
      "--confidence <level>",
      "confidence level, strictly between 0 and 1",
      parseConfidence,
      DEFAULT_CONFIDENCE,
    )
    .option("--json", "print the full result as JSON")
    .exitOverride(exitWithUsageCode)
    .action((options: CompareCommandOptions) =>
      runSafely(() => {
        const result = compareNps(options.a, options.b, {
          method: options.method,
          confidence: options.confidence,
        });
        if (options.json) printJson(result);
        else process.stdout.write(`${summarizeComparison(result)}\n`);
      }),
    );
}

/**
 * The contract between `bench/run.ts` and the benchmark modules (`bench/<name>.bench.ts`), each of which
 * exports `name` and `run(options)`.
 */

export interface BenchOptions {
  /** Repetitions of each measurement; figures are reported as the median (default 3, `--reps=N`). */
  repetitions: number;
  /** A directory under os.tmpdir() for this benchmark's files; the harness removes it afterwards. */
  tmpDir: string;
  /** Progress to stderr, prefixed with the benchmark name and the elapsed time. */
  log(message: string): void;
  /** Extra `--key=value` command-line flags, e.g. `--rows=100000`, for the benchmark to interpret. */
  params: Readonly<Record<string, string>>;
}

/** One measured quantity: one sample per repetition, reported as median (min–max). */
export interface Figure {
  label: string;
  unit: string;
  samples: number[];
}

/** A ratio against a baseline measured in the same run: one sample per repetition (paired runs). */
export interface Ratio {
  label: string;
  samples: number[];
  /** The goal this ratio must reach (median ≥ atLeast), if it has one. */
  atLeast?: number;
}

export interface BenchResult {
  title: string;
  /** What is measured and against what, in markdown. */
  description: string;
  figures: Figure[];
  ratios: Ratio[];
  /** The goal in words, e.g. "import ≥ 0.25 × raw insert". */
  goal: string;
  /** Whether the goal is met (null when it could not be evaluated). */
  met: boolean | null;
  notes: string[];
}

export interface Benchmark {
  name: string;
  run(options: BenchOptions): Promise<BenchResult>;
}

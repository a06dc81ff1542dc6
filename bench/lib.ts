/** Small helpers shared by the benchmarks and the harness. */
import fs from "node:fs";
import type { Ratio } from "./types.js";

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Timing<T> {
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds (user + system) of this process: less sensitive to other processes' load. */
  cpuSeconds: number;
  value: T;
}

/** Runs `work` and returns its result with the wall-clock and CPU seconds it took. */
export async function timed<T>(work: () => T | Promise<T>): Promise<Timing<T>> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, value };
}

/** Whether a ratio's median reaches its goal (null: no goal or no samples). */
export function ratioMet(ratio: Ratio): boolean | null {
  if (ratio.atLeast === undefined || ratio.samples.length === 0) return null;
  return median(ratio.samples) >= ratio.atLeast;
}

/** Numbers for the report: thousands separators, about three significant digits below 100. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Removes a SQLite database file with its -wal and -shm companions. */
export function removeSqliteFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** A positive integer flag (`--rows=1000000`, `1e6` and `1_000_000` accepted), or the default. */
export function intParam(params: Readonly<Record<string, string>>, key: string, fallback: number): number {
  const raw = params[key];
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${key} must be a positive integer`);
  return value;
}

/** A boolean flag: `--postgres=off|false|no|0` turns it off. */
export function flagParam(params: Readonly<Record<string, string>>, key: string, fallback: boolean): boolean {
  const raw = params[key];
  if (raw === undefined) return fallback;
  return !["off", "false", "no", "0"].includes(raw.toLowerCase());
}

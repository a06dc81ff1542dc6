/**
 * The real server for the analytics benchmark: `node bin/partner-nps.js --db FILE serve` as a child process
 * on a free loopback port, a bounded load of REST requests with a few in flight, and the child's memory
 * read from /proc/<pid>/status while it serves.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./lib.js";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const HOST = "127.0.0.1";
const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 120_000;
const SAMPLE_EVERY_MS = 10;

export interface ServerLoad {
  /** Seconds from spawn to the first healthy /healthz. */
  startupSeconds: number;
  requests: number;
  p50Ms: number;
  p95Ms: number;
  requestsPerSecond: number;
  /** VmRSS after startup and /healthz, before any analytics request. */
  idleRssMiB: number;
  /** The server's CPU time (user + system, /proc/<pid>/stat) per measured request. */
  cpuMsPerRequest: number;
  /** Highest VmRSS sampled while the requests ran. */
  servingRssMiB: number;
  /** VmHWM (peak RSS since the process started) after the requests. */
  peakRssMiB: number;
  /** The warm-up request (the first analytics request this server answers), not among the measured ones. */
  warmUpMs: number;
  /** The body of the warm-up response, to check what was served. */
  firstBody: unknown;
}

export interface LoadOptions {
  file: string;
  /** Path and query, e.g. `/api/v1/analytics/nps?group_by=tier,quarter`. */
  url: string;
  apiKey: string;
  requests: number;
  concurrency: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** VmRSS and VmHWM of a process in MiB (Linux /proc). */
export function processMemory(pid: number): { rssMiB: number; hwmMiB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const read = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) / 1024;
  };
  return { rssMiB: read("VmRSS"), hwmMiB: read("VmHWM") };
}

/** User + system CPU milliseconds a process has used (Linux /proc, USER_HZ = 100). */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name, which may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function get(
  agent: http.Agent,
  port: number,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      { host: HOST, port, path: url, agent, headers, timeout: REQUEST_TIMEOUT_MS },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`GET ${url} timed out`)));
    request.on("error", reject);
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** SIGTERM (the server closes its database and exits), then SIGKILL if it has not exited in time. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS));
  if ((await Promise.race([exited(child).then(() => "exited" as const), timer])) === "timeout") {
    child.kill("SIGKILL");
    await exited(child);
  }
}

/** Starts the server on `options.file`, waits for /healthz, runs the load, stops the server. */
export async function serverLoad(options: LoadOptions): Promise<ServerLoad> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, "bin", "partner-nps.js"),
      "--db",
      options.file,
      "serve",
      "--host",
      HOST,
      "--port",
      String(port),
      "--no-jobs",
    ],
    // The server's JSON logs (one line per request at the default level) go to /dev/null.
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: process.env },
  );
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-2_000);
  });
  // A harness interrupted (SIGINT → process.exit) must not leave the server running.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  try {
    const pid = child.pid;
    if (pid === undefined) throw new Error("the server did not start");
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${stderr.trim()}`);
      if (performance.now() - started > STARTUP_TIMEOUT_MS)
        throw new Error(`the server was not healthy after ${STARTUP_TIMEOUT_MS / 1000} s: ${stderr.trim()}`);
      const health = await get(agent, port, "/healthz", {}).catch(() => null);
      if (health?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const startupSeconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const idleRssMiB = processMemory(pid).rssMiB;

    const headers = { authorization: `Bearer ${options.apiKey}` };
    const warmUpStart = performance.now();
    const warmUp = await get(agent, port, options.url, headers);
    const warmUpMs = performance.now() - warmUpStart;
    if (warmUp.status !== 200)
      throw new Error(`GET ${options.url} answered ${warmUp.status}: ${warmUp.body.slice(0, 300)}`);
    const firstBody: unknown = JSON.parse(warmUp.body);
    const latencies: number[] = [];
    let servingRssMiB = idleRssMiB;
    const sampler = setInterval(() => {
      servingRssMiB = Math.max(servingRssMiB, processMemory(pid).rssMiB);
    }, SAMPLE_EVERY_MS);
    let next = 0;
    const cpuStart = processCpuMs(pid);
    const loadStart = performance.now();
    try {
      const worker = async () => {
        while (next < options.requests) {
          next++;
          const start = performance.now();
          const response = await get(agent, port, options.url, headers);
          latencies.push(performance.now() - start);
          if (response.status !== 200)
            throw new Error(`GET ${options.url} answered ${response.status}: ${response.body.slice(0, 300)}`);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
    } finally {
      clearInterval(sampler);
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const cpuMsPerRequest = (processCpuMs(pid) - cpuStart) / latencies.length;
    const after = processMemory(pid);
    servingRssMiB = Math.max(servingRssMiB, after.rssMiB);
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      startupSeconds,
      requests: latencies.length,
      p50Ms: median(sorted),
      p95Ms: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!,
      requestsPerSecond: latencies.length / loadSeconds,
      cpuMsPerRequest,
      idleRssMiB,
      servingRssMiB,
      peakRssMiB: after.hwmMiB,
      warmUpMs,
      firstBody,
    };
  } finally {
    agent.destroy();
    await stop(child);
    process.off("exit", killOnExit);
  }
}

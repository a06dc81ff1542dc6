/**
 * Servers and load for the response-submit benchmark: a child process (bench/response-submit-server.ts)
 * on 127.0.0.1:0, and autocannon in this process driving it for a fixed time over keep-alive connections.
 */
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { processCpuMs } from "./analytics-server.js";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const SERVER_SCRIPT = path.join(BENCH_DIR, "response-submit-server.ts");
const STARTUP_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ChildServer {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts `hello` or `app <db>` in a child process and resolves once it listens. */
export async function startServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ChildServer> {
  const child = fork(SERVER_SCRIPT, args, {
    execArgv: ["--import", "tsx"],
    // The app's JSON logs (one line per survey request) go to /dev/null, as in production to a collector.
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, ...env },
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-2_000);
  });
  // A harness interrupted (SIGINT → process.exit) must not leave the server running.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), STOP_TIMEOUT_MS).unref());
      if ((await Promise.race([exited(child).then(() => "exited" as const), timer])) === "timeout") {
        child.kill("SIGKILL");
        await exited(child);
      }
    }
    process.off("exit", killOnExit);
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the server did not listen within ${STARTUP_TIMEOUT_MS / 1000} s`)),
        STARTUP_TIMEOUT_MS,
      );
      child.once("message", (message: { port?: number }) => {
        clearTimeout(timer);
        if (typeof message.port === "number") resolve(message.port);
        else reject(new Error("the server sent no port"));
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}): ${stderr.trim()}`));
      });
    });
    return { port, pid: child.pid!, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface LoadResult {
  seconds: number;
  /** Requests answered with the expected status. */
  ok: number;
  /** Everything else: other statuses, socket errors, timeouts. */
  failed: number;
  statuses: Record<string, number>;
  requestsPerSecond: number;
  p50Ms: number;
  p97_5Ms: number;
  /** The server's CPU time (user + system) per successful request: steadier than rates on a busy machine. */
  cpuMsPerRequest: number;
}

export interface LoadOptions {
  server: ChildServer;
  seconds: number;
  connections: number;
  expectStatus: number;
  /** POST bodies and paths, one per request (the next call gives the next request); GET / when absent. */
  next?: () => { path: string; body: string };
}

/** Runs autocannon against the port for a fixed time; success is only the expected status. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { next, server } = options;
  const cpuStart = processCpuMs(server.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: options.connections,
    duration: options.seconds,
    ...(next
      ? {
          requests: [
            {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded" },
              setupRequest: (request) => {
                const { path, body } = next();
                return { ...request, path, body };
              },
            },
          ],
        }
      : {}),
  });
  const cpuMs = processCpuMs(server.pid) - cpuStart;
  const statuses: Record<string, number> = {};
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {}))
    statuses[status] = (stats as { count: number }).count;
  const ok = statuses[String(options.expectStatus)] ?? 0;
  const answered = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  return {
    seconds: result.duration,
    ok,
    failed: answered - ok + result.errors + result.timeouts,
    statuses,
    requestsPerSecond: ok / result.duration,
    p50Ms: result.latency.p50,
    p97_5Ms: result.latency.p97_5,
    cpuMsPerRequest: cpuMs / Math.max(1, ok),
  };
}

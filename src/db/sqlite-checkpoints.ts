import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints of a busy SQLite database, moved off the thread that serves requests.
 *
 * In WAL mode every commit appends its pages to the -wal file, and by default the commit that crosses
 * 1,000 pages copies them back into the database and fsyncs both files: that one request waits for the disk
 * (milliseconds to tens of milliseconds), and every request behind it waits too. Here a worker thread with its
 * own connection runs PASSIVE checkpoints (they never block the writer) a few times a second instead. The
 * worker starts only once the database has committed `startAfterCommits` transactions, so short-lived
 * databases (tests, one-off commands) never pay for a thread; until then, and as a fallback should the worker
 * fall behind, SQLite's own automatic checkpoint applies (its threshold is raised by the caller).
 */
export interface BackgroundCheckpoints {
  /** Call after each commit; starts the worker on the `startAfterCommits`-th. */
  committed(): void;
  stop(): Promise<void>;
}

export interface BackgroundCheckpointOptions {
  startAfterCommits: number;
  intervalMs: number;
}

const STOP_TIMEOUT_MS = 5_000;

// Plain CommonJS, evaluated by the worker: no build step or loader is needed to start it.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or briefly unavailable: the next round tries again; SQLite's own checkpoint is the fallback.
  }
}, workerData.intervalMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export function backgroundCheckpoints(
  file: string,
  options: BackgroundCheckpointOptions,
): BackgroundCheckpoints {
  let commits = 0;
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let stopped = false;
  return {
    committed() {
      if (worker || stopped || ++commits < options.startAfterCommits) return;
      const driver = createRequire(import.meta.url).resolve("better-sqlite3");
      const started = new Worker(WORKER_SOURCE, {
        eval: true,
        // Not the parent's flags (a TypeScript loader, a profiler): the worker runs plain CommonJS.
        execArgv: [],
        workerData: { driver, file, intervalMs: options.intervalMs },
      });
      exited = new Promise((resolve) => started.once("exit", () => resolve()));
      worker = started;
      // A failing worker only means SQLite checkpoints on the main thread again, as it does by default.
      worker.on("error", () => undefined);
      worker.unref();
    },
    async stop() {
      stopped = true;
      const running = worker;
      worker = null;
      if (!running) return;
      running.postMessage("stop");
      const timeout = new Promise<"timeout">((resolve) =>
        setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref(),
      );
      if ((await Promise.race([exited, timeout])) === "timeout") await running.terminate();
    },
  };
}

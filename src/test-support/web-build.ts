import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { defaultWebRoot } from "../http/web-app.js";

const INDEX_FILE = path.join(defaultWebRoot, "index.html");
// Test files run in parallel forks: the first one to need the build takes this lock, the others wait.
const LOCK_DIR = `${defaultWebRoot}.build-lock`;
const STALE_LOCK_MS = 5 * 60_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock(): boolean {
  fs.mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  try {
    fs.mkdirSync(LOCK_DIR);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // A lock left by a killed run must not block every later one.
    const lock = fs.statSync(LOCK_DIR, { throwIfNoEntry: false });
    if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS)
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    return false;
  }
}

/** The dashboard is served from the Vite build (dist/web); build it once when a fresh checkout has none. */
export function ensureWebBuild(): void {
  while (!fs.existsSync(INDEX_FILE)) {
    if (!takeLock()) {
      sleep(500);
      continue;
    }
    try {
      if (fs.existsSync(INDEX_FILE)) return;
      const root = path.resolve(defaultWebRoot, "..", "..");
      const result = spawnSync(
        process.execPath,
        [
          path.join(root, "node_modules", "vite", "bin", "vite.js"),
          "build",
          "--config",
          "web/vite.config.ts",
          "--logLevel",
          "warn",
        ],
        // Vitest sets NODE_ENV=test; the dashboard must be built as `npm run build:web` builds it
        // (React's production bundle), not the development one.
        { cwd: root, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
      );
      if (result.status !== 0) throw new Error("vite build failed");
    } finally {
      fs.rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

#!/usr/bin/env node
// `npm start` serves the dashboard from web/dist; build it once if a fresh checkout has none.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const config = path.join(root, "web", "vite.config.ts");
if (fs.existsSync(config) && !fs.existsSync(path.join(root, "web", "dist", "index.html"))) {
  process.stderr.write("Building the dashboard (first start only)…\n");
  const result = spawnSync("npx", ["vite", "build", "--config", config, "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  process.exit(result.status ?? 1);
}

#!/usr/bin/env node
// `npm start` serves the dashboard from dist/web; build it once if a fresh checkout has none.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const config = path.join(root, "web", "vite.config.ts");
if (fs.existsSync(config) && !fs.existsSync(path.join(root, "dist", "web", "index.html"))) {
  process.stderr.write("Building the dashboard (first start only)…\n");
  const vite = path.join(root, "node_modules", "vite", "bin", "vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--config", config, "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  process.exit(result.status ?? 1);
}

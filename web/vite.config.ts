import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(webRoot, "..", "dist", "web");
/** Budget for the gzip size of the JavaScript the first page load needs (entry + its static imports). */
const INITIAL_JS_BUDGET_BYTES = 350 * 1024;

interface ChunkInfo {
  type: "chunk" | "asset";
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
  code?: string;
  fileName: string;
}

/**
 * Measures what a first visit downloads — the entry with its static imports, plus the overview route
 * (the landing page) with its charts — and fails the build over budget.
 */
function initialSizeReport(): Plugin {
  return {
    name: "pnps-initial-size-report",
    apply: "build",
    writeBundle(_options, bundle) {
      const chunks = bundle as unknown as Record<string, ChunkInfo>;
      const entries = Object.values(chunks).filter((c) => c.type === "chunk" && c.isEntry);
      const initial = new Set<string>();
      const visit = (fileName: string): void => {
        if (initial.has(fileName)) return;
        const chunk = chunks[fileName];
        if (chunk?.type !== "chunk") return;
        initial.add(fileName);
        for (const imported of chunk.imports ?? []) visit(imported);
      };
      for (const entry of entries) visit(entry.fileName);
      const entryOnly = new Set(initial);
      const landing = Object.values(chunks).find(
        (c) => c.type === "chunk" && /pages[\\/]overview[\\/]OverviewPage\.tsx$/.test(c.facadeModuleId ?? ""),
      );
      if (!landing) this.error("The overview route chunk was not found; the size report cannot measure it");
      visit(landing.fileName);
      const files = [...initial].map((fileName) => {
        const code = chunks[fileName]?.code ?? "";
        return {
          file: fileName,
          bytes: Buffer.byteLength(code),
          gzipBytes: gzipSync(code, { level: 9 }).length,
        };
      });
      const gzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
      const entryGzipBytes = files
        .filter((f) => entryOnly.has(f.file))
        .reduce((sum, f) => sum + f.gzipBytes, 0);
      const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
      const report = {
        initialJsGzipBytes: gzipBytes,
        initialJsGzipKb: kb(gzipBytes),
        appShellJsGzipKb: kb(entryGzipBytes),
        budgetKb: INITIAL_JS_BUDGET_BYTES / 1024,
        files,
      };
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path.join(outDir, "size-report.json"), `${JSON.stringify(report, null, 2)}\n`);
      // Pre-compressed copies let the server (@fastify/static preCompressed) send gzip without a runtime cost.
      for (const item of Object.values(chunks)) {
        if (!/\.(js|css|svg)$/.test(item.fileName)) continue;
        const source =
          item.type === "chunk"
            ? (item.code ?? "")
            : (item as unknown as { source: string | Uint8Array }).source;
        if (Buffer.byteLength(source) < 1024) continue;
        writeFileSync(path.join(outDir, `${item.fileName}.gz`), gzipSync(source, { level: 9 }));
      }
      console.log(
        `\nInitial JavaScript (app shell + overview with its charts): ${report.initialJsGzipKb} KB gzip (budget ${report.budgetKb} KB, ${files.length} files; app shell alone ${report.appShellJsGzipKb} KB)`,
      );
      if (gzipBytes > INITIAL_JS_BUDGET_BYTES) {
        this.error(
          `Initial JavaScript is ${report.initialJsGzipKb} KB gzip, over the ${report.budgetKb} KB budget`,
        );
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  base: "/app/",
  plugins: [react(), initialSizeReport()],
  build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 700 },
  server: { port: 5173, proxy: { "/api": "http://127.0.0.1:3000" } },
});

import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Clock } from "../../core/clock.js";
import type { AppDatabase } from "../../db/database.js";
import type { JobRunner } from "../jobs/job.runner.js";
import { type ImportReport, importKinds } from "./import.js";
import { importCsv } from "./import.service.js";

export const IMPORT_JOB = "import";

export const importJobPayloadSchema = z.object({
  kind: z.enum(importKinds),
  path: z.string().min(1),
  fileName: z.string().min(1),
  map: z.record(z.string(), z.string()).optional(),
  mappingName: z.string().optional(),
  saveMappingAs: z.string().optional(),
  encoding: z.string().optional(),
  delimiter: z.string().optional(),
  dryRun: z.boolean().optional(),
  skipInvalid: z.boolean().optional(),
  partnerName: z.string().optional(),
  dayFirst: z.boolean().optional(),
  actor: z.string(),
});
export type ImportJobPayload = z.infer<typeof importJobPayloadSchema>;

/** In-process listeners of a foreground import (the CLI's progress bar and full report). */
export interface ImportJobHooks {
  onProgress?: (progress: { rows: number; fraction: number }) => void;
  onReport?: (jobId: string, report: ImportReport) => void;
}

const ERRORS_KEPT_ON_JOB = 1_000;

/** Imports run as jobs: queued work survives restarts and shows in `partner-nps jobs list`. */
export function registerImportJob(
  runner: JobRunner,
  database: AppDatabase,
  clock?: Clock,
  hooks: ImportJobHooks = {},
): void {
  runner.register<ImportJobPayload>(
    IMPORT_JOB,
    async ({ job, payload }) => {
      const bytes = await fs.readFile(payload.path);
      const { path: _path, ...options } = payload;
      const report = await importCsv(
        database,
        job.organization_id,
        {
          ...options,
          fileName: payload.fileName || path.basename(payload.path),
          bytes,
          ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
        },
        clock,
      );
      hooks.onReport?.(job.job_id, report);
      // A refused file is a finished job with a report, not a failure to retry: the data will not change.
      return {
        ...report,
        errors: report.errors.slice(0, ERRORS_KEPT_ON_JOB),
        errors_truncated: report.errors.length > ERRORS_KEPT_ON_JOB,
      };
    },
    (payload) => importJobPayloadSchema.parse(payload),
  );
}

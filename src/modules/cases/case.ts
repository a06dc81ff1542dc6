import { z } from "zod";
import { CASE_STATUSES, type CaseStatus } from "../../core/cases/case-lifecycle.js";

const csv = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export const caseListQuerySchema = z
  .object({
    status: z.preprocess(csv, z.array(z.enum(CASE_STATUSES))).optional(),
    owner: z.string().min(1).optional(),
    partner: z.string().min(1).optional(),
    overdue: z.enum(["true", "false"]).optional(),
    rule: z.string().min(1).optional(),
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export const caseUpdateSchema = z
  .object({
    status: z.enum(CASE_STATUSES),
    ownerUserId: z.string().min(1).nullable(),
    rootCauses: z.array(z.string().min(1)).max(20),
    actionTaken: z.string().trim().max(4000).nullable(),
  })
  .partial()
  .strict();

export const caseNoteSchema = z
  .object({
    kind: z.enum(["note", "contact"]),
    body: z.string().trim().min(1).max(10_000),
  })
  .strict();

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
export const caseMetricsQuerySchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional(), partner: z.string().min(1).optional() })
  .strict();

export interface CaseView {
  id: string;
  partnerId: string;
  partnerName: string;
  ownerUserId: string | null;
  ownerName: string | null;
  ruleId: string | null;
  rule: string;
  priority: string | null;
  reason: string | null;
  status: CaseStatus;
  dueAt: string;
  overdue: boolean;
  firstContactAt: string | null;
  resolvedAt: string | null;
  escalatedAt: string | null;
  rootCauses: string[];
  actionTaken: string | null;
  createdAt: string;
  updatedAt: string;
  responseIds: string[];
}

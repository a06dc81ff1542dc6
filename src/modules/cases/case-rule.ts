import { z } from "zod";
import { CASE_PRIORITIES, type CaseRule, RULE_KINDS } from "../../core/cases/case-rules.js";
import type { CaseRuleTable } from "../../db/schema.js";

export const caseRuleInputSchema = z
  .object({
    kind: z.enum(RULE_KINDS as [string, ...string[]]),
    name: z.string().trim().min(1).max(200).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    enabled: z.boolean().default(true),
    slaBusinessDays: z.number().int().min(0).max(60).nullable().default(null),
    priority: z.enum(CASE_PRIORITIES).default("normal"),
  })
  .strict();

export const caseRuleUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    params: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    slaBusinessDays: z.number().int().min(0).max(60).nullable(),
    priority: z.enum(CASE_PRIORITIES),
  })
  .partial()
  .strict();

export interface CaseRuleView extends CaseRule {
  description: string;
  createdAt: string;
  updatedAt: string;
}

export function ruleOfRow(row: CaseRuleTable): CaseRule {
  return {
    ruleId: row.rule_id,
    kind: row.kind,
    name: row.name,
    params: JSON.parse(row.params) as Record<string, unknown>,
    enabled: row.enabled === 1,
    slaBusinessDays: row.sla_business_days,
    priority: row.priority,
  };
}

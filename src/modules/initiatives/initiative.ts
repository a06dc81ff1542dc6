import { z } from "zod";
import type { InitiativeTable } from "../../db/schema.js";

export const INITIATIVE_STATUSES = ["planned", "in_progress", "done"] as const;

const ids = z.array(z.string().min(1)).max(500);

export const initiativeInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(10_000).nullable().optional(),
    status: z.enum(INITIATIVE_STATUSES).default("planned"),
    themeIds: ids.default([]),
    caseIds: ids.default([]),
    ownerUserId: z.string().min(1).nullable().optional(),
  })
  .strict();

export const initiativeUpdateSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(10_000).nullable(),
    status: z.enum(INITIATIVE_STATUSES),
    themeIds: ids,
    caseIds: ids,
    ownerUserId: z.string().min(1).nullable(),
  })
  .partial()
  .strict();

export interface InitiativeView {
  id: string;
  title: string;
  description: string | null;
  status: InitiativeTable["status"];
  themeIds: string[];
  caseIds: string[];
  ownerUserId: string | null;
  doneAt: string | null;
  createdAt: string;
}

export function toInitiativeView(row: InitiativeTable): InitiativeView {
  return {
    id: row.initiative_id,
    title: row.title,
    description: row.description,
    status: row.status,
    themeIds: JSON.parse(row.theme_ids) as string[],
    caseIds: JSON.parse(row.case_ids) as string[],
    ownerUserId: row.owner_user_id,
    doneAt: row.done_at,
    createdAt: row.created_at,
  };
}

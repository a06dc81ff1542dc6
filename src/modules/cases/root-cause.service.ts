import { z } from "zod";
import { isoNow } from "../../core/clock.js";
import { ConflictError, NotFoundError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { parseInput } from "../../core/validation.js";
import type { RootCauseTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { ensureCaseDefaults } from "./case-rule.service.js";
import {
  findRootCauseByName,
  findRootCauseRow,
  insertRootCause,
  listRootCauseRows,
  updateRootCause,
} from "./root-cause.repository.js";

const rootCauseInput = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();
const rootCauseUpdate = z
  .object({
    name: z.string().trim().min(1).max(120),
    description: z.string().trim().max(2000).nullable(),
    archived: z.boolean(),
  })
  .partial()
  .strict();

export interface RootCauseView {
  id: string;
  name: string;
  description: string | null;
  archived: boolean;
}

function viewOf(row: RootCauseTable): RootCauseView {
  return {
    id: row.root_cause_id,
    name: row.name,
    description: row.description,
    archived: row.archived_at !== null,
  };
}

export async function listRootCauses(context: ServiceContext): Promise<{ items: RootCauseView[] }> {
  await ensureCaseDefaults(context.db, context.organizationId, context.clock);
  return { items: (await listRootCauseRows(context.db, context.organizationId)).map(viewOf) };
}

async function assertNameFree(context: ServiceContext, name: string, exceptId?: string): Promise<void> {
  const existing = await findRootCauseByName(context.db, context.organizationId, name);
  if (existing && existing.root_cause_id !== exceptId)
    throw new ConflictError(`A root cause named "${name}" already exists`, { field: "name" });
}

export async function createRootCause(context: ServiceContext, input: unknown): Promise<RootCauseView> {
  const parsed = parseInput(rootCauseInput, input, "root cause");
  await ensureCaseDefaults(context.db, context.organizationId, context.clock);
  await assertNameFree(context, parsed.name);
  const row: RootCauseTable = {
    organization_id: context.organizationId,
    root_cause_id: newId(context.clock?.now().getTime()),
    name: parsed.name,
    description: parsed.description ?? null,
    archived_at: null,
    created_at: isoNow(context.clock),
  };
  await insertRootCause(context.db, row);
  await audit(context, "root_cause.created", row.root_cause_id);
  return viewOf(row);
}

/** Renames, describes or archives (archived causes stay on old cases but cannot be chosen again). */
export async function changeRootCause(
  context: ServiceContext,
  id: string,
  input: unknown,
): Promise<RootCauseView> {
  const patch = parseInput(rootCauseUpdate, input, "root cause");
  const current = await findRootCauseRow(context.db, context.organizationId, id);
  if (!current) throw new NotFoundError("Root cause", id);
  if (patch.name !== undefined) await assertNameFree(context, patch.name, id);
  const changes: Partial<RootCauseTable> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.description !== undefined) changes.description = patch.description;
  if (patch.archived !== undefined)
    changes.archived_at = patch.archived ? (current.archived_at ?? isoNow(context.clock)) : null;
  if (Object.keys(changes).length > 0) await updateRootCause(context.db, context.organizationId, id, changes);
  await audit(context, "root_cause.updated", id);
  return viewOf({ ...current, ...changes });
}

async function audit(context: ServiceContext, action: string, entityId: string): Promise<void> {
  await recordAudit(
    context.db,
    {
      organizationId: context.organizationId,
      actor: context.actor,
      action,
      entityType: "root_cause",
      entityId,
    },
    context.clock,
  );
}

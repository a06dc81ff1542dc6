import { systemClock } from "../../core/clock.js";
import { type OrganizationSettings, organizationSettingsSchema } from "../../core/settings.js";
import { parseInput } from "../../core/validation.js";
import { recordAudit } from "../audit/audit.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { updateOrganizationSettings } from "./organization.repository.js";
import { getOrganizationSettings } from "./organization.service.js";

export async function readSettings(context: ServiceContext): Promise<OrganizationSettings> {
  return getOrganizationSettings(context.db, context.organizationId);
}

/** Replaces the given top-level settings (bands, role weights, method, …); the result must be valid as a whole. */
export async function changeSettings(context: ServiceContext, input: unknown): Promise<OrganizationSettings> {
  const patch = parseInput(organizationSettingsSchema.partial(), input, "settings");
  return context.db.transaction().execute(async (trx) => {
    const current = await getOrganizationSettings(trx, context.organizationId);
    const next = parseInput(organizationSettingsSchema, { ...current, ...patch }, "settings");
    await updateOrganizationSettings(trx, context.organizationId, JSON.stringify(next));
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "settings.updated",
        entityType: "organization",
        entityId: context.organizationId,
        details: { fields: Object.keys(patch) },
      },
      context.clock ?? systemClock,
    );
    return next;
  });
}

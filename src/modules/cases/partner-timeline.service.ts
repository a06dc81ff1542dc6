import { NotFoundError } from "../../core/errors.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { partnerInScope, partnerTimeline } from "./case-opening.repository.js";

/** A partner's timeline, newest first; a partner outside a manager's reach reads as not found. */
export async function getPartnerTimeline(context: ServiceContext, partnerId: string) {
  const scope = { organizationId: context.organizationId, ownerUserId: context.ownerUserId ?? null };
  if (!(await partnerInScope(context.db, scope, partnerId))) throw new NotFoundError("Partner", partnerId);
  const rows = await partnerTimeline(context.db, context.organizationId, partnerId);
  return {
    items: rows.map((r) => ({
      id: r.entry_id,
      kind: r.kind,
      title: r.title,
      entityType: r.entity_type,
      entityId: r.entity_id,
      createdAt: r.created_at,
    })),
  };
}

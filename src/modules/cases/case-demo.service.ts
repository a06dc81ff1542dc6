import { evaluateRules } from "../../core/cases/case-rules.js";
import { type Clock, systemClock } from "../../core/clock.js";
import type { Executor } from "../../db/database.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import { waveScoresByPartner } from "./case-opening.repository.js";
import { openCasesInTransaction } from "./case-opening.service.js";
import { loadCaseRules } from "./case-rule.service.js";

/**
 * Runs the organization's case rules over the responses of its latest wave, as if they had just arrived
 * (opened now, due per the SLA), so the demo's cases board is populated; no alert is queued.
 * Returns how many cases were opened.
 */
export async function openDemoCases(
  db: Executor,
  organizationId: string,
  clock: Clock = systemClock,
): Promise<number> {
  const latest = await db
    .selectFrom("responses")
    .select((eb) => ["wave_id", eb.fn.min("submitted_at").as("first_at")])
    .where("organization_id", "=", organizationId)
    .where("wave_id", "is not", null)
    .groupBy("wave_id")
    .orderBy("first_at", "desc")
    .executeTakeFirst();
  if (!latest?.wave_id) return 0;
  const responses = await db
    .selectFrom("responses as r")
    .innerJoin("partners as p", (join) =>
      join.onRef("p.organization_id", "=", "r.organization_id").onRef("p.partner_id", "=", "r.partner_id"),
    )
    .select([
      "r.response_id",
      "r.partner_id",
      "r.score",
      "r.category",
      "r.comment",
      "r.wave_id",
      "p.tier",
      "p.strategic",
    ])
    .where("r.organization_id", "=", organizationId)
    .where("r.wave_id", "=", latest.wave_id)
    .orderBy("r.submitted_at")
    .orderBy("r.response_id")
    .execute();
  // Rules are evaluated here in memory first, so only matching responses pay for the per-response writes.
  const rules = await loadCaseRules(db, organizationId, clock);
  const waves = await waveScoresByPartner(db, organizationId);
  const settings = await getOrganizationSettings(db, organizationId);
  let opened = 0;
  for (const r of responses) {
    const matches = evaluateRules(
      rules,
      {
        responseId: r.response_id,
        score: r.score,
        category: r.category,
        comment: r.comment,
        waveId: r.wave_id,
      },
      { partnerId: r.partner_id, tier: r.tier, strategic: r.strategic === 1 },
      { partnerWaves: waves.get(r.partner_id) ?? [] },
    );
    if (matches.length === 0) continue;
    const result = await openCasesInTransaction(db, organizationId, r.response_id, clock, {
      notify: false,
      rules,
      settings,
    });
    opened += result.opened.length;
  }
  return opened;
}

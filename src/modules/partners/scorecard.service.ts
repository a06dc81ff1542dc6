import { NotFoundError } from "../../core/errors.js";
import { bandFor } from "../../core/settings.js";
import { fetchInvitationTallies, fetchWaves } from "../analytics/coverage.repository.js";
import { getOrganizationSettings } from "../organizations/organization.service.js";
import { explorerQuerySchema } from "../responses-explorer/response-explorer.js";
import { fetchExplorerRows } from "../responses-explorer/response-explorer.repository.js";
import { toExplorerItem } from "../responses-explorer/response-explorer.service.js";
import { findPartner } from "./partner.repository.js";
import type { ServiceContext } from "./partner.service.js";
import { fetchPartnerQuarterCounts, partnerScores } from "./partner-figures.js";
import {
  fetchContactAnswers,
  fetchOpenCases,
  fetchPartnerContacts,
  fetchUserName,
} from "./scorecard.repository.js";

const LATEST_COMMENTS = 20;
const LATEST_WAVES = 4;

/** Contacts grouped by role, each with their latest answer. */
async function contactsByRole(context: ServiceContext, partnerId: string) {
  const [contacts, answers] = await Promise.all([
    fetchPartnerContacts(context.db, context.organizationId, partnerId),
    fetchContactAnswers(context.db, context, partnerId, !!context.ownerUserId),
  ]);
  const latest = new Map<string, (typeof answers)[number]>();
  for (const answer of answers) if (!latest.has(answer.contact_id!)) latest.set(answer.contact_id!, answer);
  const byRole = new Map<string | null, unknown[]>();
  for (const contact of contacts) {
    const answer = latest.get(contact.contact_id);
    const list = byRole.get(contact.role) ?? [];
    list.push({
      contactId: contact.contact_id,
      name: contact.name,
      email: contact.email,
      latest: answer
        ? { score: Number(answer.score), category: answer.category, respondedAt: answer.submitted_at }
        : null,
    });
    byRole.set(contact.role, list);
  }
  return [...byRole]
    .sort(([a], [b]) => (a ?? "~").localeCompare(b ?? "~"))
    .map(([role, roleContacts]) => ({ role, contacts: roleContacts }));
}

/** Invitations answered among those delivered, for the partner's latest waves. */
async function latestWaveRates(context: ServiceContext, partnerId: string) {
  const [tallies, waves] = await Promise.all([
    fetchInvitationTallies(context.db, context.organizationId, {}),
    fetchWaves(context.db, context.organizationId),
  ]);
  const mine = tallies.filter((t) => t.partner_id === partnerId && t.wave_id !== null);
  return waves
    .filter((w) => mine.some((t) => t.wave_id === w.wave_id))
    .sort((a, b) => ((a.opened_at ?? "") < (b.opened_at ?? "") ? 1 : -1))
    .slice(0, LATEST_WAVES)
    .map((wave) => {
      const t = mine.filter((x) => x.wave_id === wave.wave_id);
      const invited = t.reduce((s, x) => s + x.invited, 0);
      const delivered = invited - t.reduce((s, x) => s + x.bounced, 0);
      const responded = t.reduce((s, x) => s + x.responded, 0);
      return {
        waveId: wave.wave_id,
        name: wave.name,
        status: wave.status,
        openedAt: wave.opened_at,
        invited,
        delivered,
        responded,
        responseRate: delivered > 0 ? responded / delivered : null,
      };
    });
}

/** Everything a partner manager needs for a business review with one partner, on one page. */
export async function getPartnerScorecard(context: ServiceContext, partnerId: string) {
  const partner = await findPartner(context.db, context, partnerId);
  // Another manager's partner reads as missing (404), so its id does not leak.
  if (!partner) throw new NotFoundError("Partner", partnerId);
  const settings = await getOrganizationSettings(context.db, context.organizationId);
  const commentsQuery = explorerQuerySchema.parse({
    filters: { partner: [partnerId] },
    withComment: true,
    pageSize: LATEST_COMMENTS,
  });
  const [ownerName, counts, contacts, commentRows, waves, cases] = await Promise.all([
    partner.owner_user_id ? fetchUserName(context.db, context.organizationId, partner.owner_user_id) : null,
    fetchPartnerQuarterCounts(context.db, context, { partnerIds: [partnerId] }),
    contactsByRole(context, partnerId),
    fetchExplorerRows(context.db, context, commentsQuery, LATEST_COMMENTS, 0),
    latestWaveRates(context, partnerId),
    fetchOpenCases(context.db, context.organizationId, partnerId),
  ]);
  const scores = partnerScores(counts.get(partnerId) ?? [], settings);
  return {
    partner: {
      partnerId: partner.partner_id,
      name: partner.name,
      tier: partner.tier,
      type: partner.type,
      region: partner.region,
      country: partner.country,
      strategic: partner.strategic === 1,
      annualRevenue: partner.annual_revenue,
      renewalDate: partner.renewal_date,
      owner: partner.owner_user_id ? { userId: partner.owner_user_id, name: ownerName } : null,
    },
    nps: scores.overall,
    band: scores.overall.nps_rounded === null ? null : bandFor(scores.overall.nps_rounded, settings.bands),
    trend: scores.quarters,
    contacts,
    comments: commentRows.map((row) => toExplorerItem(context, row)),
    responseRates: waves,
    cases: cases.map((c) => ({
      caseId: c.case_id,
      status: c.status,
      rule: c.rule,
      ownerUserId: c.owner_user_id,
      dueAt: c.due_at,
      firstContactAt: c.first_contact_at,
      createdAt: c.created_at,
    })),
    roleWeights: { ...settings.roleWeights, default: settings.defaultRoleWeight },
  };
}

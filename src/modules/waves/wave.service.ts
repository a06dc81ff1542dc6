import type { Selectable } from "kysely";
import { isoNow, systemClock } from "../../core/clock.js";
import { ConflictError, NotFoundError, ValidationError } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { pickLanguage } from "../../core/survey/questions.js";
import { parseInput } from "../../core/validation.js";
import type { AppDatabase, Executor } from "../../db/database.js";
import type { InvitationTable, WaveTable } from "../../db/schema.js";
import { recordAudit } from "../audit/audit.repository.js";
import { newInvitationRow } from "../invitations/invitation-row.js";
import { enqueueInvitationSend } from "../invitations/invitation-send.enqueue.js";
import { findOrganization } from "../organizations/organization.repository.js";
import type { ServiceContext } from "../partners/partner.service.js";
import { findSurvey } from "../surveys/survey.service.js";
import { computeAudience, describeAudience } from "./audience.service.js";
import { type Audience, audienceSchema, waveInputSchema } from "./wave.js";
import { fetchWaveFunnel, findWave } from "./wave.repository.js";

type WaveRow = Selectable<WaveTable>;

function toView(row: WaveRow) {
  const { organization_id: _org, ...rest } = row;
  return {
    ...rest,
    audience: JSON.parse(row.audience) as Audience,
    reminder_days: JSON.parse(row.reminder_days) as number[],
  };
}

async function requireWave(db: Executor, organizationId: string, waveId: string): Promise<WaveRow> {
  const wave = await findWave(db, organizationId, waveId);
  if (!wave) throw new NotFoundError("Wave", waveId);
  return wave;
}

export async function listWaves(context: ServiceContext) {
  const rows = await context.db
    .selectFrom("waves")
    .selectAll()
    .where("organization_id", "=", context.organizationId)
    .orderBy("created_at", "desc")
    .execute();
  return { items: rows.map(toView) };
}

export async function getWave(context: ServiceContext, waveId: string) {
  return toView(await requireWave(context.db, context.organizationId, waveId));
}

export async function createWave(context: ServiceContext, input: unknown) {
  const data = parseInput(waveInputSchema, input, "wave");
  const clock = context.clock ?? systemClock;
  if (!(await findSurvey(context.db, context.organizationId, data.survey_id))) {
    throw new ValidationError(`survey_id: no survey ${data.survey_id}`, [
      { field: "survey_id", message: "no such survey" },
    ]);
  }
  if (Date.parse(data.closes_at) <= clock.now().getTime()) {
    throw new ValidationError("closes_at must be in the future", [
      { field: "closes_at", message: "must be in the future" },
    ]);
  }
  const row: WaveRow = {
    organization_id: context.organizationId,
    wave_id: newId(clock.now().getTime()),
    survey_id: data.survey_id,
    name: data.name,
    status: data.scheduled_at ? "scheduled" : "draft",
    audience: JSON.stringify(data.audience),
    reminder_days: JSON.stringify([...new Set(data.reminder_days)].sort((a, b) => a - b)),
    scheduled_at: data.scheduled_at ?? null,
    opened_at: null,
    closes_at: new Date(data.closes_at).toISOString(),
    closed_at: null,
    created_at: isoNow(clock),
  };
  await context.db.transaction().execute(async (trx) => {
    await trx.insertInto("waves").values(row).execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "wave.created",
        entityType: "wave",
        entityId: row.wave_id,
      },
      clock,
    );
  });
  return toView(row);
}

/** Who would receive it if launched now, and who is excluded and why (for a wave, or for ad-hoc filters). */
export async function previewAudience(context: ServiceContext, waveId: string | null, input?: unknown) {
  const clock = context.clock ?? systemClock;
  const audience = waveId
    ? (JSON.parse((await requireWave(context.db, context.organizationId, waveId)).audience) as Audience)
    : parseInput(audienceSchema, input ?? {}, "audience");
  const { plan, contacts } = await computeAudience(
    context.db,
    context.organizationId,
    audience,
    clock.now(),
    waveId,
  );
  return describeAudience(plan, contacts);
}

/**
 * Sends a wave: recomputes its audience, creates one invitation per recipient and queues their mails in
 * the same transaction, so a crash leaves either nothing or everything queued.
 */
export async function launchWave(database: AppDatabase, context: ServiceContext, waveId: string) {
  const clock = context.clock ?? systemClock;
  return database.db.transaction().execute(async (trx) => {
    const wave = await requireWave(trx, context.organizationId, waveId);
    if (wave.status !== "draft" && wave.status !== "scheduled") {
      throw new ConflictError(
        `Wave ${waveId} is ${wave.status}; only draft or scheduled waves can be launched`,
      );
    }
    if (wave.closes_at && Date.parse(wave.closes_at) <= clock.now().getTime()) {
      throw new ConflictError(`Wave ${waveId} closed on ${wave.closes_at}; change its close date first`);
    }
    const organization = await findOrganization(trx, context.organizationId);
    const survey = await findSurvey(trx, context.organizationId, wave.survey_id);
    if (!organization?.invitation_secret || !survey) throw new NotFoundError("Survey", wave.survey_id);
    const now = isoNow(clock);
    const { plan, contacts } = await computeAudience(
      trx,
      context.organizationId,
      JSON.parse(wave.audience) as Audience,
      clock.now(),
      waveId,
    );
    const languages = JSON.parse(survey.languages) as string[];
    const invitations: InvitationTable[] = plan.included.map((candidate) => {
      const invitationId = newId(clock.now().getTime());
      return newInvitationRow({
        organizationId: context.organizationId,
        invitationId,
        secret: organization.invitation_secret!,
        surveyId: wave.survey_id,
        waveId,
        contactId: candidate.contact_id,
        partnerId: candidate.partner_id,
        channel: "email",
        language: pickLanguage(
          languages,
          [contacts.get(candidate.contact_id)?.language],
          survey.default_language,
        ),
        createdAt: now,
      });
    });
    await database.bulkInsert(trx, "invitations", invitations);
    await enqueueInvitationSend(
      trx,
      context.organizationId,
      invitations.map((i) => i.invitation_id),
      { clock },
    );
    await trx
      .updateTable("waves")
      .set({ status: "open", opened_at: now })
      .where("organization_id", "=", context.organizationId)
      .where("wave_id", "=", waveId)
      .execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "wave.launched",
        entityType: "wave",
        entityId: waveId,
        details: { invited: invitations.length, excluded: plan.excluded.length },
      },
      clock,
    );
    return { wave_id: waveId, status: "open", invited: invitations.length, excluded: plan.excluded.length };
  });
}

/** Closes a wave: answers can no longer be given or edited; unanswered invitations expire. */
export async function closeWave(context: ServiceContext, waveId: string) {
  const clock = context.clock ?? systemClock;
  return context.db.transaction().execute(async (trx) => {
    const wave = await requireWave(trx, context.organizationId, waveId);
    if (wave.status === "closed") return toView(wave);
    const now = isoNow(clock);
    await trx
      .updateTable("waves")
      .set({ status: "closed", closed_at: now })
      .where("organization_id", "=", context.organizationId)
      .where("wave_id", "=", waveId)
      .execute();
    await trx
      .updateTable("invitations")
      .set({ status: "expired" })
      .where("organization_id", "=", context.organizationId)
      .where("wave_id", "=", waveId)
      .where("responded_at", "is", null)
      .where("status", "in", ["pending", "sent"])
      .execute();
    await recordAudit(
      trx,
      {
        organizationId: context.organizationId,
        actor: context.actor,
        action: "wave.closed",
        entityType: "wave",
        entityId: waveId,
      },
      clock,
    );
    return toView({ ...wave, status: "closed", closed_at: now });
  });
}

/** Sent, delivered, bounced, unsubscribed, clicked, responded and the response rate, overall or per group. */
export async function waveProgress(
  context: ServiceContext,
  waveId: string,
  by: "partner" | "tier" | "region" | null,
) {
  await requireWave(context.db, context.organizationId, waveId);
  const rows = await fetchWaveFunnel(context.db, context.organizationId, waveId, by, context.ownerUserId);
  const shape = (row: (typeof rows)[number]) => {
    const numbers = {
      invited: Number(row.invited),
      sent: Number(row.sent),
      bounced: Number(row.bounced),
      unsubscribed: Number(row.unsubscribed),
      clicked: Number(row.clicked),
      responded: Number(row.responded),
    };
    const delivered = numbers.sent - numbers.bounced;
    return {
      key: row.key,
      ...numbers,
      delivered,
      response_rate: delivered > 0 ? numbers.responded / delivered : null,
    };
  };
  const shaped = rows.map(shape);
  return by ? { wave_id: waveId, by, groups: shaped } : { wave_id: waveId, ...shaped[0] };
}

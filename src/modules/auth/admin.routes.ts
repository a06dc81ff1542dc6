import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError, NotFoundError } from "../../core/errors.js";
import { parseInput } from "../../core/validation.js";
import type { AppContext } from "../../http/context.js";
import { serviceContext } from "../../http/crud-routes.js";
import {
  apiScopes,
  createApiKey,
  findApiKey,
  listApiKeys,
  revokeApiKey,
} from "../api-keys/api-key.service.js";
import { recordAudit } from "../audit/audit.repository.js";
import { mailDomain } from "../mail/invitation-email.js";
import { MailDeliveryError, type Mailer, type OutgoingMail, sharedMailer } from "../mail/mailer.js";
import { emailSchema } from "./user.js";
import { changeUser, createUser, listUserViews, type UserAdminContext } from "./user.service.js";

type IdParams = { Params: { id: string } };

const newKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  scopes: z.array(z.enum(apiScopes)).min(1),
});
const mailTestSchema = z.strictObject({ to: emailSchema });

function adminContext(context: AppContext, request: FastifyRequest): UserAdminContext {
  const service = serviceContext(context, request, "admin");
  return {
    db: context.database.db,
    organizationId: service.organizationId,
    actor: service.actor,
    clock: context.clock,
  };
}

/** Users, API keys and the mail test: admin only, always within the caller's organization. */
export function registerAdminRoutes(app: FastifyInstance, context: AppContext): void {
  const { db } = context.database;

  app.get("/api/v1/users", async (request) => listUserViews(adminContext(context, request)));
  app.post("/api/v1/users", async (request, reply) => {
    const admin = adminContext(context, request);
    return reply.status(201).send(await createUser(admin, request.body));
  });
  app.patch<IdParams>("/api/v1/users/:id", async (request) =>
    changeUser(adminContext(context, request), request.params.id, request.body),
  );

  app.get("/api/v1/api-keys", async (request) => {
    const admin = adminContext(context, request);
    return { items: await listApiKeys(db, admin.organizationId) };
  });
  app.post("/api/v1/api-keys", async (request, reply) => {
    const admin = adminContext(context, request);
    const input = parseInput(newKeySchema, request.body, "API key");
    const created = await createApiKey(
      db,
      { organizationId: admin.organizationId, ...input, createdByUserId: request.principal?.userId ?? null },
      context.clock,
    );
    await recordAudit(
      db,
      {
        organizationId: admin.organizationId,
        actor: admin.actor,
        action: "api_key.created",
        entityType: "api_key",
        entityId: created.apiKeyId,
        details: { name: input.name, scopes: input.scopes },
      },
      context.clock,
    );
    return reply.status(201).send(created);
  });
  app.post<IdParams>("/api/v1/api-keys/:id/revoke", async (request) => {
    const admin = adminContext(context, request);
    const id = request.params.id;
    if (!(await findApiKey(db, admin.organizationId, id))) throw new NotFoundError("API key", id);
    await revokeApiKey(db, admin.organizationId, id, context.clock);
    await recordAudit(
      db,
      {
        organizationId: admin.organizationId,
        actor: admin.actor,
        action: "api_key.revoked",
        entityType: "api_key",
        entityId: id,
      },
      context.clock,
    );
    return findApiKey(db, admin.organizationId, id);
  });

  app.post("/api/v1/settings/mail-test", async (request) => {
    const admin = adminContext(context, request);
    const { to } = parseInput(mailTestSchema, request.body, "mail test");
    const { config } = context;
    const domain = mailDomain(config.publicUrl);
    const sent = await sendOrExplain(sharedMailer(config), {
      from: { name: "Partner NPS", address: config.mailFrom ?? `no-reply@${domain}` },
      to: { address: to },
      subject: "Partner NPS test mail",
      text: "This test mail shows that Partner NPS can send mail.\n",
      html: "<p>This test mail shows that Partner NPS can send mail.</p>",
      messageId: `<mail-test.${admin.organizationId.toLowerCase()}.${context.clock.now().getTime()}@${domain}>`,
      metadata: { organizationId: admin.organizationId },
    });
    return { transport: config.smtpUrl ? "smtp" : "outbox", messageId: sent.messageId };
  });
}

/** A refused test mail is the answer the admin asked for, not a server fault: its (redacted) reason is shown. */
async function sendOrExplain(mailer: Mailer, mail: OutgoingMail) {
  try {
    return await mailer.send(mail);
  } catch (error) {
    if (error instanceof MailDeliveryError)
      throw new DomainError("mail_failed", `The mail was not sent: ${error.message}`, {
        responseCode: error.details.responseCode,
      });
    throw error;
  }
}

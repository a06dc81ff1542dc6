/** Test support for the alerts module: an organization with users, cases written as rows, a webhook receiver. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Clock } from "../../core/clock.js";
import { newId } from "../../core/ids.js";
import type { Executor } from "../../db/database.js";
import type { ScoreCategory, UserRole } from "../../db/schema.js";
import { createContact } from "../contacts/contact.service.js";
import { createOrganization } from "../organizations/organization.service.js";
import { createPartner } from "../partners/partner.service.js";

export interface AlertOrg {
  organizationId: string;
  ownerId: string;
  leadId: string;
  adminId: string;
  partnerId: string;
  contactIds: string[];
}

export async function insertUser(
  db: Executor,
  organizationId: string,
  input: { name: string; email: string; role: UserRole; leadUserId?: string | null },
  clock: Clock,
): Promise<string> {
  const userId = newId(clock.now().getTime());
  await db
    .insertInto("users")
    .values({
      organization_id: organizationId,
      user_id: userId,
      email: input.email,
      name: input.name,
      role: input.role,
      password_hash: null,
      lead_user_id: input.leadUserId ?? null,
      created_at: clock.now().toISOString(),
      disabled_at: null,
    })
    .execute();
  return userId;
}

/** Owner Olivia (partner manager, lead Leo), lead Leo (analyst), admin Ada; partner Fabrikam owned by Olivia. */
export async function seedAlertOrg(db: Executor, clock: Clock, name = "Contoso Cloud"): Promise<AlertOrg> {
  const organization = await createOrganization(db, { name, companyName: name }, clock);
  const organizationId = organization.organization_id;
  const adminId = await insertUser(
    db,
    organizationId,
    { name: "Ada Admin", email: "ada@contoso.example", role: "admin" },
    clock,
  );
  const leadId = await insertUser(
    db,
    organizationId,
    { name: "Leo Lead", email: "leo@contoso.example", role: "analyst" },
    clock,
  );
  const ownerId = await insertUser(
    db,
    organizationId,
    { name: "Olivia Owner", email: "olivia@contoso.example", role: "partner_manager", leadUserId: leadId },
    clock,
  );
  const service = { db, organizationId, actor: "test", clock };
  const partner = await createPartner(service, {
    name: "Fabrikam & Sons",
    tier: "gold",
    owner_user_id: ownerId,
  });
  const contactIds: string[] = [];
  for (const contactName of ["Ana Lima", "Bo Chen", "Cy Diaz", "Di Evans", "Ed Ford"]) {
    const contact = await createContact(service, {
      partner_id: partner.partner_id,
      name: contactName,
      email: `${contactName.split(" ")[0]!.toLowerCase()}@fabrikam.example`,
      language: "en",
    });
    contactIds.push(contact.contact_id);
  }
  return { organizationId, ownerId, leadId, adminId, partnerId: partner.partner_id, contactIds };
}

export async function insertResponse(
  db: Executor,
  org: AlertOrg,
  input: { contactId: string; score: number; comment: string | null; submittedAt: string },
): Promise<string> {
  const responseId = newId(Date.parse(input.submittedAt));
  const category: ScoreCategory = input.score >= 9 ? "promoter" : input.score >= 7 ? "passive" : "detractor";
  await db
    .insertInto("responses")
    .values({
      organization_id: org.organizationId,
      response_id: responseId,
      partner_id: org.partnerId,
      contact_id: input.contactId,
      invitation_id: null,
      survey_id: null,
      wave_id: null,
      external_id: null,
      score: input.score,
      category,
      comment: input.comment,
      comment_search: input.comment?.toLowerCase() ?? null,
      answers: "{}",
      language: "en",
      channel: "email",
      source: "web",
      submitted_at: input.submittedAt,
      period_month: input.submittedAt.slice(0, 7),
      partner_tier: "gold",
      partner_type: null,
      partner_region: null,
      partner_country: null,
      partner_industry: null,
      partner_size: null,
      owner_user_id: org.ownerId,
      contact_role: null,
      import_id: null,
      created_at: input.submittedAt,
      updated_at: input.submittedAt,
    })
    .execute();
  return responseId;
}

/** A case as the cases module would open it (rows written directly, so these tests stand on their own). */
export async function insertCase(
  db: Executor,
  org: AlertOrg,
  input: { createdAt: string; dueAt: string; responseIds: string[]; ownerUserId?: string | null },
): Promise<string> {
  const caseId = newId(Date.parse(input.createdAt));
  await db
    .insertInto("follow_up_cases")
    .values({
      organization_id: org.organizationId,
      case_id: caseId,
      partner_id: org.partnerId,
      owner_user_id: input.ownerUserId === undefined ? org.ownerId : input.ownerUserId,
      rule: "detractor",
      status: "new",
      due_at: input.dueAt,
      first_contact_at: null,
      resolved_at: null,
      escalated_at: null,
      root_causes: "[]",
      action_taken: null,
      created_at: input.createdAt,
      updated_at: input.createdAt,
      rule_id: null,
      priority: "high",
      opened_category: "detractor",
      reason: "detractor response",
    })
    .execute();
  for (const responseId of input.responseIds) {
    await db
      .insertInto("case_responses")
      .values({ organization_id: org.organizationId, case_id: caseId, response_id: responseId })
      .execute();
  }
  return caseId;
}

export interface ReceivedPost {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * A real HTTP webhook receiver on 127.0.0.1: it records every POST it accepts (2xx), can answer an error
 * status instead, or be stopped and restarted on the same port (the receiver "down").
 */
export class WebhookReceiver {
  readonly posts: ReceivedPost[] = [];
  /** Status answered to every request; a non-2xx one is not recorded as received. */
  status = 200;
  private server: http.Server | null = null;
  private boundPort = 0;

  async start(port = this.boundPort): Promise<void> {
    if (this.server) return;
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        if (this.status >= 200 && this.status < 300) {
          this.posts.push({
            path: request.url ?? "",
            headers: request.headers,
            body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown,
          });
        }
        // No keep-alive: a POST after stop() then meets a refused connection, not a stale socket.
        response
          .writeHead(this.status, { "content-type": "text/plain", connection: "close" })
          .end(this.status < 300 ? "ok" : "busy");
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.boundPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.boundPort}${path}`;
  }

  /** Closes the listener and drops kept-alive connections, so the next POST is refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  postsTo(path: string): ReceivedPost[] {
    return this.posts.filter((post) => post.path === path);
  }
}

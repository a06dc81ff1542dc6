/** OpenAPI paths of follow-up cases, their rules and root causes, initiatives and the partner timeline. */
const error = {
  description: "Error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const json = (schema: object, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const body = (schema: object) => ({ required: true, content: { "application/json": { schema } } });
const errors = { "400": error, "401": error, "403": error, "404": error };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const query = (name: string, schema: object, description?: string) => ({
  name,
  in: "query",
  schema,
  ...(description ? { description } : {}),
});
const nullableString = { type: ["string", "null"] };
const statuses = ["new", "in_progress", "contacted", "resolved", "closed_without_action"];
const list = (item: object) => ({ type: "object", properties: { items: { type: "array", items: item } } });

const caseView = {
  type: "object",
  properties: {
    id: { type: "string" },
    partnerId: { type: "string" },
    partnerName: { type: "string" },
    ownerUserId: nullableString,
    ownerName: nullableString,
    ruleId: nullableString,
    rule: { type: "string", description: "The rule's kind, e.g. detractor" },
    priority: { type: ["string", "null"], enum: ["high", "normal", "low", null] },
    reason: nullableString,
    status: { type: "string", enum: statuses },
    dueAt: { type: "string", format: "date-time", description: "17:00 local on the SLA's last business day" },
    overdue: { type: "boolean", description: "Open, never contacted and past due" },
    firstContactAt: nullableString,
    resolvedAt: { type: ["string", "null"], description: "When it was resolved or closed without action" },
    escalatedAt: nullableString,
    rootCauses: { type: "array", items: { type: "string" } },
    actionTaken: nullableString,
    createdAt: { type: "string" },
    updatedAt: { type: "string" },
    responseIds: { type: "array", items: { type: "string" } },
  },
};
const caseDetail = {
  allOf: [
    caseView,
    {
      type: "object",
      properties: {
        responses: { type: "array", items: { type: "object" } },
        notes: { type: "array", items: { type: "object" } },
        timeline: { type: "array", items: { type: "object" } },
      },
    },
  ],
};
const caseUpdate = {
  type: "object",
  properties: {
    status: { type: "string", enum: statuses, description: "Forward moves only; a refused move is 409" },
    ownerUserId: nullableString,
    rootCauses: { type: "array", items: { type: "string" }, description: "Root-cause ids" },
    actionTaken: nullableString,
  },
};
const metrics = {
  type: "object",
  properties: {
    contactedWithinSlaShare: { type: ["number", "null"] },
    contactedWithinSla: { type: "integer" },
    slaDecided: { type: "integer" },
    medianHoursToFirstContact: { type: ["number", "null"] },
    open: { type: "integer" },
    overdue: { type: "integer" },
    recoveryRate: { type: ["number", "null"] },
    recovered: { type: "integer" },
    recoveryEligible: { type: "integer" },
  },
};
const rule = {
  type: "object",
  properties: {
    ruleId: { type: "string" },
    kind: { type: "string", enum: ["detractor", "passive_at_key_partner", "partner_nps_drop"] },
    name: { type: "string" },
    params: { type: "object" },
    enabled: { type: "boolean" },
    slaBusinessDays: { type: ["integer", "null"] },
    priority: { type: "string", enum: ["high", "normal", "low"] },
    description: { type: "string" },
  },
};
const rootCause = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    description: nullableString,
    archived: { type: "boolean" },
  },
};
const initiative = {
  type: "object",
  properties: {
    id: { type: "string" },
    title: { type: "string" },
    description: nullableString,
    status: { type: "string", enum: ["planned", "in_progress", "done"] },
    themeIds: { type: "array", items: { type: "string" } },
    caseIds: { type: "array", items: { type: "string" } },
    ownerUserId: nullableString,
    doneAt: nullableString,
  },
};

export const casePaths = {
  "/api/v1/cases": {
    get: {
      summary: "Follow-up cases, soonest due first (a partner manager sees only their partners')",
      parameters: [
        query("status", { type: "string" }, `Comma-separated: ${statuses.join(", ")}`),
        query("owner", { type: "string" }, "Owner user id"),
        query("partner", { type: "string" }, "Partner id"),
        query("overdue", { type: "string", enum: ["true", "false"] }),
        query("rule", { type: "string" }, "Rule id or kind"),
        query("page", { type: "integer", minimum: 1 }),
        query("limit", { type: "integer", minimum: 1, maximum: 500 }),
      ],
      responses: {
        "200": json({
          ...list(caseView),
          properties: { ...list(caseView).properties, total: { type: "integer" } },
        }),
        ...errors,
      },
    },
  },
  "/api/v1/cases/metrics": {
    get: {
      summary: "SLA share, median hours to first contact, open, overdue and recovery rate",
      parameters: [
        query(
          "from",
          { type: "string", format: "date" },
          "First day of case opening (organization time zone)",
        ),
        query("to", { type: "string", format: "date" }, "Last day included"),
        query("partner", { type: "string" }),
      ],
      responses: { "200": json(metrics), ...errors },
    },
  },
  "/api/v1/cases/{id}": {
    get: {
      summary: "A case with its responses, notes and timeline",
      parameters: [idParam],
      responses: { "200": json(caseDetail), ...errors },
    },
    patch: {
      summary: "Change status, owner, root causes or action taken",
      parameters: [idParam],
      requestBody: body(caseUpdate),
      responses: { "200": json(caseDetail), "409": error, ...errors },
    },
  },
  "/api/v1/cases/{id}/notes": {
    post: {
      summary: "Add a note; kind contact records the first contact and moves the case to contacted",
      parameters: [idParam],
      requestBody: body({
        type: "object",
        required: ["kind", "body"],
        properties: { kind: { type: "string", enum: ["note", "contact"] }, body: { type: "string" } },
      }),
      responses: { "201": json({ type: "object" }, "Created"), ...errors },
    },
  },
  "/api/v1/case-rules": {
    get: { summary: "The organization's case rules", responses: { "200": json(list(rule)), ...errors } },
    post: {
      summary: "Add a rule (admin)",
      requestBody: body(rule),
      responses: { "201": json(rule, "Created"), ...errors },
    },
  },
  "/api/v1/case-rules/{id}": {
    patch: {
      summary: "Change or disable a rule (admin); rules are never deleted",
      parameters: [idParam],
      requestBody: body(rule),
      responses: { "200": json(rule), ...errors },
    },
  },
  "/api/v1/root-causes": {
    get: { summary: "The root-cause taxonomy", responses: { "200": json(list(rootCause)), ...errors } },
    post: {
      summary: "Add a root cause",
      requestBody: body(rootCause),
      responses: { "201": json(rootCause, "Created"), "409": error, ...errors },
    },
  },
  "/api/v1/root-causes/{id}": {
    patch: {
      summary: "Rename, describe or archive a root cause",
      parameters: [idParam],
      requestBody: body(rootCause),
      responses: { "200": json(rootCause), "409": error, ...errors },
    },
  },
  "/api/v1/initiatives": {
    get: {
      summary: "Improvement initiatives",
      parameters: [query("status", { type: "string" })],
      responses: { "200": json(list(initiative)), ...errors },
    },
    post: {
      summary: "Add an initiative",
      requestBody: body(initiative),
      responses: { "201": json(initiative, "Created"), ...errors },
    },
  },
  "/api/v1/initiatives/{id}": {
    get: {
      summary: "One initiative",
      parameters: [idParam],
      responses: { "200": json(initiative), ...errors },
    },
    patch: {
      summary: "Change an initiative; becoming done queues the 'you said, we did' messages",
      parameters: [idParam],
      requestBody: body(initiative),
      responses: { "200": json(initiative), ...errors },
    },
  },
  "/api/v1/partners/{id}/timeline": {
    get: {
      summary: "What happened with a partner: cases opened and closed, initiatives done",
      parameters: [idParam],
      responses: { "200": json(list({ type: "object" })), ...errors },
    },
  },
};

/** OpenAPI paths of the dashboard's data endpoints: responses explorer, export, partners table, scorecard. */
const error = {
  description: "Error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const errors = { "400": error, "401": error, "403": error, "404": error };
const json = (schema: object, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const text = { type: "string" };
const nullableText = { type: ["string", "null"] };
const nullableNumber = { type: ["number", "null"] };
const query = (name: string, schema: object, description?: string) => ({
  name,
  in: "query",
  schema,
  ...(description ? { description } : {}),
});
const list = (name: string, description: string) => ({
  ...query(name, { type: "array", items: text }, description),
  style: "form",
  explode: true,
});

const interval = {
  type: ["object", "null"],
  properties: { low: { type: "number" }, high: { type: "number" } },
};
const figure = {
  type: "object",
  description: "Role-weighted NPS with interval; counts are scaled to the effective sample size",
  properties: {
    nps: nullableNumber,
    nps_rounded: { type: ["integer", "null"] },
    interval,
    n: { type: "integer", description: "Responses" },
    effective_n: { type: "number" },
    promoters: { type: "number" },
    passives: { type: "number" },
    detractors: { type: "number" },
    method: text,
    confidence: { type: "number" },
    small_sample: { type: "boolean" },
  },
};

const sharedFilters = [
  query("from", { type: "string", format: "date" }, "First day included (YYYY-MM-DD)"),
  query("to", { type: "string", format: "date" }, "Last day included (YYYY-MM-DD)"),
  ...[
    "tier",
    "type",
    "region",
    "country",
    "industry",
    "owner",
    "partner",
    "role",
    "survey",
    "wave",
    "channel",
  ].map((field) =>
    list(
      field,
      `Filter on ${field} as at response time, as in the analytics (repeat or comma-separate for any of)`,
    ),
  ),
  list("category", "detractor, passive, promoter (any of)"),
  list("ids", "Response ids (any of, at most 500)"),
  query("q", text, "Words searched in comments, ignoring case and accents (every word must appear)"),
];

const explorerItem = {
  type: "object",
  properties: {
    responseId: text,
    partner: { type: "object", properties: { partnerId: text, name: text, tier: nullableText } },
    contact: {
      type: ["object", "null"],
      description: "Null for anonymous surveys when the caller is a partner manager",
      properties: { contactId: text, name: nullableText, role: nullableText },
    },
    score: { type: "integer", minimum: 0, maximum: 10 },
    category: { type: "string", enum: ["detractor", "passive", "promoter"] },
    comment: nullableText,
    respondedAt: { type: "string", format: "date-time" },
    survey: { type: ["object", "null"], properties: { surveyId: text, name: text } },
    wave: { type: ["object", "null"], properties: { waveId: text, name: text } },
    language: nullableText,
  },
};

const tableRow = {
  type: "object",
  properties: {
    partnerId: text,
    name: text,
    tier: nullableText,
    type: nullableText,
    region: nullableText,
    strategic: { type: "boolean" },
    annualRevenue: nullableNumber,
    owner: { type: ["object", "null"], properties: { userId: text, name: nullableText } },
    nps: nullableNumber,
    npsRounded: { type: ["integer", "null"] },
    interval,
    n: { type: "integer" },
    effectiveN: { type: "number" },
    smallSample: { type: "boolean" },
    trend: {
      type: ["object", "null"],
      description: "Latest quarter with answers minus the one before it, with the two-sample test",
      properties: {
        period: text,
        fromPeriod: text,
        delta: { type: "number" },
        p: nullableNumber,
        significant: { type: "boolean" },
      },
    },
    lastResponseAt: nullableText,
    invited: { type: "integer" },
    responded: { type: "integer" },
    responseRate: nullableNumber,
  },
};

export const dashboardDataPaths = {
  "/api/v1/responses": {
    get: {
      summary: "Responses explorer: filtered, searchable, paged (a partner manager sees their partners only)",
      parameters: [
        ...sharedFilters,
        query("sort", { type: "string", enum: ["respondedAt", "score", "partner", "category"] }),
        query("order", { type: "string", enum: ["asc", "desc"] }, "Default desc"),
        query("page", { type: "integer", minimum: 1 }),
        query("pageSize", { type: "integer", minimum: 1, maximum: 500 }),
      ],
      responses: {
        "200": json({
          type: "object",
          properties: {
            items: { type: "array", items: explorerItem },
            total: { type: "integer" },
            page: { type: "integer" },
            pageSize: { type: "integer" },
          },
        }),
        ...errors,
      },
    },
  },
  "/api/v1/responses/export": {
    get: {
      summary: "Every response matching the filters as a CSV (UTF-8 with BOM) or XLSX download",
      parameters: [
        query("format", { type: "string", enum: ["csv", "xlsx"] }, "Default csv"),
        ...sharedFilters,
        query("sort", { type: "string", enum: ["respondedAt", "score", "partner", "category"] }),
        query("order", { type: "string", enum: ["asc", "desc"] }),
      ],
      responses: {
        "200": {
          description: "The file (Content-Disposition: attachment)",
          content: {
            "text/csv": { schema: { type: "string" } },
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
              schema: { type: "string", format: "binary" },
            },
          },
        },
        ...errors,
      },
    },
  },
  "/api/v1/partners/table": {
    get: {
      summary:
        "Partners table: role-weighted NPS, interval, n, quarter trend, last answer, response rate, owner",
      parameters: [
        list("tier", "Current tier (any of)"),
        list("type", "Current type (any of)"),
        list("region", "Current region (any of)"),
        list("owner", "Owner user id (any of)"),
        query("q", text, "Part of the partner's name"),
        query("from", { type: "string", format: "date" }, "Answers and invitations from this day"),
        query("to", { type: "string", format: "date" }, "…to this day (included)"),
        query("sort", {
          type: "string",
          enum: [
            "name",
            "tier",
            "type",
            "region",
            "owner",
            "nps",
            "low",
            "high",
            "n",
            "trend",
            "lastResponseAt",
            "responseRate",
            "revenue",
          ],
        }),
        query("order", { type: "string", enum: ["asc", "desc"] }),
        query("page", { type: "integer", minimum: 1 }),
        query("pageSize", { type: "integer", minimum: 1, maximum: 1000 }),
      ],
      responses: {
        "200": json({
          type: "object",
          properties: {
            items: { type: "array", items: tableRow },
            total: { type: "integer" },
            page: { type: "integer" },
            pageSize: { type: "integer" },
            method: text,
            confidence: { type: "number" },
            roleWeights: { type: "object", additionalProperties: { type: "number" } },
          },
        }),
        ...errors,
      },
    },
  },
  "/api/v1/partners/{id}/scorecard": {
    get: {
      summary: "A partner's scorecard for business reviews (404 for a partner outside a manager's portfolio)",
      parameters: [{ name: "id", in: "path", required: true, schema: text }],
      responses: {
        "200": json({
          type: "object",
          properties: {
            partner: { type: "object" },
            nps: figure,
            band: { type: ["object", "null"] },
            trend: {
              type: "array",
              items: {
                allOf: [
                  figure,
                  { type: "object", properties: { period: text, change: { type: ["object", "null"] } } },
                ],
              },
            },
            contacts: {
              type: "array",
              items: {
                type: "object",
                properties: { role: nullableText, contacts: { type: "array", items: { type: "object" } } },
              },
            },
            comments: { type: "array", items: explorerItem, maxItems: 20 },
            responseRates: { type: "array", items: { type: "object" } },
            cases: { type: "array", items: { type: "object" } },
            roleWeights: { type: "object", additionalProperties: { type: "number" } },
          },
        }),
        ...errors,
      },
    },
  },
};

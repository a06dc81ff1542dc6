import { alertPaths } from "../modules/alerts/alerts.openapi.js";
import { authPaths } from "../modules/auth/auth.openapi.js";
import { casePaths } from "../modules/cases/case.openapi.js";
import { dashboardDataPaths } from "../modules/responses-explorer/dashboard-data.openapi.js";

/**
 * The REST API description (OpenAPI 3.1), served at /api/v1/openapi.json. A test checks that every
 * registered /api route is described here, so this stays true to the code.
 */
const errorResponse = {
  description: "Error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const json = (schema: object, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const errors = { "400": errorResponse, "401": errorResponse, "403": errorResponse, "404": errorResponse };

const analyticsParameters = [
  {
    name: "group_by",
    in: "query",
    description:
      "Comma-separated: quarter, month, year, tier, type, region, country, industry, owner, partner, role, survey, wave, channel",
    schema: { type: "string" },
  },
  {
    name: "from",
    in: "query",
    description: "First day included (YYYY-MM-DD)",
    schema: { type: "string", format: "date" },
  },
  {
    name: "to",
    in: "query",
    description: "Last day included (YYYY-MM-DD)",
    schema: { type: "string", format: "date" },
  },
  {
    name: "method",
    in: "query",
    schema: { type: "string", enum: ["adjusted-wald", "wald", "tango", "bayes"] },
  },
  { name: "confidence", in: "query", schema: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 } },
  { name: "weighting", in: "query", schema: { type: "string", enum: ["responses", "partners", "revenue"] } },
  { name: "small_sample", in: "query", schema: { type: "integer", minimum: 1 } },
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
  ].map((field) => ({
    name: field,
    in: "query",
    description: `Filter on ${field} (repeat for any of; empty value = missing)`,
    schema: { type: "array", items: { type: "string" } },
    style: "form",
    explode: true,
  })),
];

function crud(plural: string, schema: string, listParameters: object[]) {
  return {
    [`/api/v1/${plural}`]: {
      get: {
        summary: `List ${plural}`,
        parameters: listParameters,
        responses: {
          "200": json({
            type: "object",
            properties: {
              items: { type: "array", items: ref(schema) },
              total: { type: "integer" },
              limit: { type: "integer" },
              offset: { type: "integer" },
            },
          }),
          ...errors,
        },
      },
      post: {
        summary: `Create a ${schema.toLowerCase()}`,
        requestBody: { required: true, content: { "application/json": { schema: ref(`${schema}Input`) } } },
        responses: { "201": json(ref(schema), "Created"), "409": errorResponse, ...errors },
      },
    },
    [`/api/v1/${plural}/{id}`]: {
      get: {
        summary: `Get a ${schema.toLowerCase()}`,
        parameters: [idParam],
        responses: { "200": json(ref(schema)), ...errors },
      },
      patch: {
        summary: `Update a ${schema.toLowerCase()} (only the fields given)`,
        parameters: [idParam],
        requestBody: { required: true, content: { "application/json": { schema: ref(`${schema}Input`) } } },
        responses: { "200": json(ref(schema)), "409": errorResponse, ...errors },
      },
    },
    [`/api/v1/${plural}/{id}/archive`]: {
      post: {
        summary: `Archive a ${schema.toLowerCase()} (kept for history, hidden from lists)`,
        parameters: [idParam],
        responses: { "200": json(ref(schema)), ...errors },
      },
    },
  };
}

const listParameters = (fields: string[]) => [
  { name: "search", in: "query", schema: { type: "string" } },
  ...fields.map((name) => ({ name, in: "query", schema: { type: "string" } })),
  { name: "include_archived", in: "query", schema: { type: "string", enum: ["true", "false"] } },
  { name: "sort", in: "query", schema: { type: "string" } },
  { name: "order", in: "query", schema: { type: "string", enum: ["asc", "desc"] } },
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 1000 } },
  { name: "offset", in: "query", schema: { type: "integer", minimum: 0 } },
];

const widget = (summary: string, extra: object[] = []) => ({
  get: {
    summary,
    parameters: [...analyticsParameters, ...extra],
    responses: { "200": json({ type: "object" }), ...errors },
  },
});

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Partner NPS API",
    version: "1",
    description:
      "Every NPS figure comes with n, its interval (method and confidence named) and a small-sample flag. Authenticate with `Authorization: Bearer <API key>` (`partner-nps api-keys create`). Errors are `{error:{code,message,details}}`.",
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }, { session: [] }],
  paths: {
    ...authPaths,
    ...alertPaths,
    ...casePaths,
    ...dashboardDataPaths,
    ...crud(
      "partners",
      "Partner",
      listParameters(["tier", "type", "region", "country", "owner_user_id", "strategic"]),
    ),
    ...crud("contacts", "Contact", listParameters(["partner_id", "role", "language", "reachable"])),
    "/api/v1/analytics/nps": widget("NPS with interval, overall and per group"),
    "/api/v1/analytics/headline": widget(
      "Headline: NPS with band, interval, n, method, response rate and coverage",
    ),
    "/api/v1/analytics/trend": widget("NPS per period with the significance of each change", [
      { name: "period", in: "query", schema: { type: "string", enum: ["quarter", "month", "year"] } },
      {
        name: "series",
        in: "query",
        description: "One line per value of this segment field",
        schema: { type: "string" },
      },
    ]),
    "/api/v1/analytics/segments": widget(
      "Each segment against the rest of the program (overall and per period); significant gaps flagged",
      [
        { name: "dimension", in: "query", schema: { type: "string" } },
        { name: "period", in: "query", schema: { type: "string", enum: ["quarter", "month", "year"] } },
      ],
    ),
    "/api/v1/analytics/distribution": widget("Responses per score 0–10"),
    "/api/v1/analytics/partners": widget("Partner-level NPS (role-weighted) with interval, sortable", [
      {
        name: "sort",
        in: "query",
        schema: { type: "string", enum: ["nps", "name", "responses", "revenue"] },
      },
      { name: "order", in: "query", schema: { type: "string", enum: ["asc", "desc"] } },
      { name: "limit", in: "query", schema: { type: "integer" } },
      { name: "offset", in: "query", schema: { type: "integer" } },
    ]),
    "/api/v1/analytics/coverage": {
      get: {
        summary:
          "Response rate and coverage (contacts, partners, revenue), per wave; silent strategic partners",
        parameters: ["wave", "tier", "region", "type", "owner", "strategic_tiers", "from", "to"].map(
          (name) => ({ name, in: "query", schema: { type: "string" } }),
        ),
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/targets": {
      get: {
        summary: "Targets with current NPS and progress",
        responses: { "200": json({ type: "object" }), ...errors },
      },
      post: {
        summary: "Create a target (from start_value to target_value by due_date)",
        requestBody: { required: true, content: { "application/json": { schema: ref("TargetInput") } } },
        responses: { "201": json({ type: "object" }, "Created"), ...errors },
      },
    },
    "/api/v1/targets/{id}": {
      delete: {
        summary: "Delete a target",
        parameters: [idParam],
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/benchmarks": {
      get: {
        summary: "Benchmarks recorded by the organization",
        responses: { "200": json({ type: "object" }), ...errors },
      },
      post: {
        summary: "Record a benchmark with its source",
        requestBody: { required: true, content: { "application/json": { schema: ref("BenchmarkInput") } } },
        responses: { "201": json({ type: "object" }, "Created"), ...errors },
      },
    },
    "/api/v1/benchmarks/{id}": {
      delete: {
        summary: "Delete a benchmark",
        parameters: [idParam],
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/surveys": {
      get: { summary: "Surveys", responses: { "200": json({ type: "object" }), ...errors } },
      post: {
        summary:
          "Create a survey (questions: reason, driver areas, custom questions; languages en, fr, de, es; anonymous mode)",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "201": json({ type: "object" }, "Created"), ...errors },
      },
    },
    "/api/v1/surveys/{id}": {
      get: {
        summary: "A survey",
        parameters: [idParam],
        responses: { "200": json({ type: "object" }), ...errors },
      },
      patch: {
        summary: "Change a survey",
        parameters: [idParam],
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/surveys/{id}/preview": {
      get: {
        summary: "The survey page as a contact sees it, in a language (`lang=en|fr|de|es`)",
        parameters: [idParam, { name: "lang", in: "query", schema: { type: "string" } }],
        responses: {
          "200": { description: "HTML", content: { "text/html": { schema: { type: "string" } } } },
          ...errors,
        },
      },
    },
    "/api/v1/waves": {
      get: { summary: "Waves, newest first", responses: { "200": json({ type: "object" }), ...errors } },
      post: {
        summary: "Create a wave (survey, audience filters, reminder days, schedule, close date)",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "201": json({ type: "object" }, "Created"), ...errors },
      },
    },
    "/api/v1/waves/audience-preview": {
      post: {
        summary: "Who would receive a survey with these audience filters, and who is excluded and why",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/waves/{id}": {
      get: {
        summary: "A wave",
        parameters: [idParam],
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/waves/{id}/audience": {
      get: {
        summary: "The wave's audience now, with exclusions and reasons",
        parameters: [idParam],
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/waves/{id}/launch": {
      post: {
        summary: "Create the invitations and queue their mails (one transaction)",
        parameters: [idParam],
        responses: { "200": json({ type: "object" }), "409": errorResponse, ...errors },
      },
    },
    "/api/v1/waves/{id}/close": {
      post: {
        summary: "Close the wave; unanswered invitations expire",
        parameters: [idParam],
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/waves/{id}/progress": {
      get: {
        summary: "Sent, delivered, bounced, unsubscribed, clicked, responded, response rate",
        parameters: [
          idParam,
          { name: "by", in: "query", schema: { type: "string", enum: ["partner", "tier", "region"] } },
        ],
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/waves/{id}/links.csv": {
      get: {
        summary: "Survey links of unanswered invitations as CSV",
        parameters: [idParam],
        responses: {
          "200": { description: "CSV", content: { "text/csv": { schema: { type: "string" } } } },
          ...errors,
        },
      },
    },
    "/api/v1/triggers": {
      post: {
        summary:
          "Transactional survey after an event (idempotent on event_id; fatigue rules apply). Needs the triggers scope.",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["event_type", "event_id"],
                properties: {
                  event_type: { type: "string" },
                  event_id: { type: "string" },
                  contact_external_id: { type: "string" },
                  partner_external_id: { type: "string" },
                  survey_id: { type: "string" },
                },
              },
            },
          },
        },
        responses: {
          "201": json({ type: "object" }, "Invited"),
          "200": json({ type: "object" }, "Existing or skipped"),
          ...errors,
        },
      },
    },
    "/api/v1/delivery-events": {
      post: {
        summary: "Record a bounce or complaint (by invitation_id or email)",
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["type"],
                properties: {
                  type: { type: "string", enum: ["bounce", "complaint"] },
                  invitation_id: { type: "string" },
                  email: { type: "string" },
                  reason: { type: "string" },
                },
              },
            },
          },
        },
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
    "/api/v1/settings": {
      get: {
        summary:
          "Analytics settings: bands, role weights, interval method, confidence, small-sample threshold, fatigue",
        responses: { "200": json({ type: "object" }), ...errors },
      },
      patch: {
        summary: "Change settings (admin scope)",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object" } } } },
        responses: { "200": json({ type: "object" }), ...errors },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: { type: "http", scheme: "bearer" },
      session: { type: "apiKey", in: "cookie", name: "pnps_session" },
    },
    schemas: {
      Error: {
        type: "object",
        properties: {
          error: {
            type: "object",
            properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
            required: ["code", "message"],
          },
        },
      },
      Partner: {
        type: "object",
        properties: {
          partner_id: { type: "string" },
          external_id: { type: ["string", "null"] },
          name: { type: "string" },
          type: { type: ["string", "null"] },
          tier: { type: ["string", "null"] },
          region: { type: ["string", "null"] },
          country: { type: ["string", "null"] },
          industry: { type: ["string", "null"] },
          size: { type: ["string", "null"] },
          owner_user_id: { type: ["string", "null"] },
          annual_revenue: { type: ["number", "null"] },
          renewal_date: { type: ["string", "null"], format: "date" },
          strategic: { type: "boolean" },
          custom: { type: "object" },
          archived_at: { type: ["string", "null"] },
          created_at: { type: "string" },
          updated_at: { type: "string" },
        },
      },
      PartnerInput: {
        type: "object",
        required: ["name"],
        properties: {
          external_id: { type: "string" },
          name: { type: "string" },
          type: { type: "string" },
          tier: { type: "string" },
          region: { type: "string" },
          country: { type: "string" },
          industry: { type: "string" },
          size: { type: "string" },
          owner_user_id: { type: "string" },
          annual_revenue: { type: "number", minimum: 0 },
          renewal_date: { type: "string", format: "date" },
          strategic: { type: "boolean" },
          custom: { type: "object" },
        },
      },
      Contact: {
        type: "object",
        properties: {
          contact_id: { type: "string" },
          partner_id: { type: "string" },
          external_id: { type: ["string", "null"] },
          name: { type: ["string", "null"] },
          email: { type: ["string", "null"] },
          role: { type: ["string", "null"] },
          language: { type: ["string", "null"] },
          consent: { type: "boolean" },
          unsubscribed_at: { type: ["string", "null"] },
          bounced_at: { type: ["string", "null"] },
          custom: { type: "object" },
        },
      },
      ContactInput: {
        type: "object",
        required: ["partner_id"],
        properties: {
          partner_id: { type: "string" },
          external_id: { type: "string" },
          name: { type: "string" },
          email: { type: "string", format: "email" },
          role: { type: "string" },
          language: { type: "string" },
          consent: { type: "boolean" },
          unsubscribed: { type: "boolean" },
          custom: { type: "object" },
        },
      },
      TargetInput: {
        type: "object",
        required: ["name", "start_value", "target_value", "start_date", "due_date"],
        properties: {
          name: { type: "string" },
          segment: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
          start_value: { type: "number" },
          target_value: { type: "number" },
          start_date: { type: "string", format: "date" },
          due_date: { type: "string", format: "date" },
        },
      },
      BenchmarkInput: {
        type: "object",
        required: ["name", "source", "value"],
        properties: {
          name: { type: "string" },
          source: { type: "string" },
          year: { type: "integer" },
          segment: { type: "string" },
          statistic: { type: "string", enum: ["nps", "median_nps", "top_quartile_nps", "response_rate"] },
          value: { type: "number" },
        },
      },
    },
  },
} as const;

/** OpenAPI paths of alert preferences (spread into src/http/openapi.ts). */
const error = {
  description: "Error",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
};
const json = (schema: object, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});
const events = {
  type: "array",
  items: { type: "string", enum: ["case_opened", "case_reminder", "case_escalated", "initiative_done"] },
};
const channel = { type: "string", enum: ["email", "slack", "teams"] };

const channelView = {
  type: "object",
  required: ["channel", "target", "events", "enabled"],
  properties: {
    channel,
    target: {
      type: ["string", "null"],
      description:
        "Email: the address (null = the user's own). Slack/Teams: the webhook, masked as host/…last4 (a secret, never returned in full)",
    },
    events,
    enabled: { type: "boolean" },
  },
};

const preferencesView = {
  type: "object",
  properties: {
    userId: { type: "string" },
    isDefault: { type: "boolean", description: "True when nothing was saved: email for every event" },
    channels: { type: "array", items: channelView },
  },
};

const preferencesInput = {
  type: "object",
  required: ["channels"],
  additionalProperties: false,
  properties: {
    channels: {
      type: "array",
      maxItems: 3,
      items: {
        type: "object",
        required: ["channel", "events"],
        additionalProperties: false,
        properties: {
          channel,
          target: {
            type: ["string", "null"],
            description:
              "Email address (default the user's) or the Slack/Teams incoming webhook URL; omit to keep the saved one",
          },
          events,
          enabled: { type: "boolean", default: true },
        },
      },
    },
  },
};

const responses = { "200": json(preferencesView), "400": error, "401": error, "403": error };

export const alertPaths = {
  "/api/v1/me/alert-preferences": {
    get: {
      summary: "The signed-in user's alert channels (400 session_required for API keys)",
      responses,
    },
    put: {
      summary: "Replace the signed-in user's alert channels (email, Slack, Teams) and their events",
      requestBody: { required: true, content: { "application/json": { schema: preferencesInput } } },
      responses,
    },
  },
  "/api/v1/users/{id}/alert-preferences": {
    get: {
      summary: "A user's alert channels (admin)",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { ...responses, "404": error },
    },
  },
};

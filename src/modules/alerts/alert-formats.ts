import { html } from "../../http/html.js";
import { oneLine } from "../mail/mail-address.js";
import type { MailAddress, OutgoingMail } from "../mail/mailer.js";
import type { AlertMessage } from "./alert-message.js";

/** Slack mrkdwn: escaping &, < and > is what Slack asks for; it stops user text forging links or @channel. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Slack incoming webhook body: `text` is the notification fallback, `blocks` the Block Kit layout
 * (a section with the title and facts, one section per quote, a context block with the alert id so a
 * receiver can drop a repeat).
 */
export function slackPayload(message: AlertMessage) {
  const facts = message.facts.map((fact) => `*${slackEscape(fact.label)}:* ${slackEscape(fact.value)}`);
  return {
    text: slackEscape(message.title),
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: `*${slackEscape(message.title)}*\n${facts.join("\n")}` },
      },
      ...message.quotes.map((quote) => ({
        type: "section",
        text: { type: "mrkdwn", text: `>${slackEscape(quote).replace(/\n/g, "\n>")}` },
      })),
      {
        type: "section",
        text: { type: "mrkdwn", text: `<${message.url}|${slackEscape(message.linkLabel)}>` },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `${slackEscape(message.company)} · Partner NPS · alert ${message.alertId}`,
          },
        ],
      },
    ],
  };
}

/** Adaptive Card markdown would turn user text like [x](url) into a link: escape the brackets that form one. */
export function teamsEscape(text: string): string {
  return text.replace(/[[\]]/g, "\\$&");
}

/**
 * Microsoft Teams body in the form the "Post to a channel when a webhook request is received" workflow
 * (Power Automate, the successor of Office 365 connectors) accepts: a `message` whose one attachment is an
 * Adaptive Card 1.4 (Teams renders up to 1.5). Legacy connector webhooks accept this same shape.
 */
export function teamsPayload(message: AlertMessage) {
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: teamsEscape(message.title),
              weight: "Bolder",
              size: "Medium",
              wrap: true,
            },
            {
              type: "FactSet",
              facts: message.facts.map((fact) => ({
                title: teamsEscape(fact.label),
                value: teamsEscape(fact.value),
              })),
            },
            ...message.quotes.map((quote) => ({
              type: "TextBlock",
              text: teamsEscape(quote),
              wrap: true,
              isSubtle: true,
            })),
            {
              type: "TextBlock",
              text: teamsEscape(`${message.company} · Partner NPS · alert ${message.alertId}`),
              size: "Small",
              isSubtle: true,
              wrap: true,
            },
          ],
          actions: [{ type: "Action.OpenUrl", title: message.linkLabel, url: message.url }],
        },
      },
    ],
    // Not read by Teams; lets a custom receiver drop a repeat of the same alert.
    alertId: message.alertId,
  };
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";

/** The alert as a mail (HTML and text); every user string is escaped by the html template. */
export function alertEmail(
  message: AlertMessage,
  to: MailAddress,
  from: MailAddress,
  domain: string,
): OutgoingMail {
  const text = [
    message.title,
    "",
    ...message.facts.map((fact) => `${fact.label}: ${fact.value}`),
    ...(message.quotes.length ? ["", ...message.quotes.map((quote) => `> ${quote}`)] : []),
    "",
    `${message.linkLabel}: ${message.url}`,
    "",
    "-- ",
    `${message.company} · Partner NPS · alert ${message.alertId}`,
  ].join("\n");
  const body = html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${message.title}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:24px;${FONT}font-size:16px;line-height:24px;color:#1f2933;">
<h1 style="margin:0 0 16px;font-size:20px;line-height:28px;">${message.title}</h1>
<table role="presentation" cellpadding="0" cellspacing="0" border="0">
${message.facts.map((fact) => html`<tr><td style="padding:2px 16px 2px 0;color:#52606d;">${fact.label}</td><td style="padding:2px 0;">${fact.value}</td></tr>`)}
</table>
${message.quotes.map((quote) => html`<blockquote style="margin:16px 0 0;padding:8px 12px;border-left:3px solid #cbd2d9;color:#323f4b;">${quote}</blockquote>`)}
<p style="margin:24px 0 0;"><a href="${message.url}" style="color:#1d4ed8;font-weight:bold;">${message.linkLabel}</a></p>
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e4e7eb;${FONT}font-size:12px;line-height:18px;color:#52606d;">${message.company} · Partner NPS · alert ${message.alertId}</td></tr>
</table></td></tr></table>
</body>
</html>
`;
  return {
    from,
    to,
    subject: oneLine(message.title),
    text: `${text}\n`,
    html: body.toString(),
    // Deterministic, so a resend after a crash is recognisable (and merged by many providers).
    messageId: `<alert.${message.alertId}@${domain}>`,
    headers: { "X-Alert-Id": message.alertId },
  };
}

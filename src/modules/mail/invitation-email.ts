import { formatDate, translator } from "../../core/i18n/index.js";
import { parseSettings } from "../../core/settings.js";
import { pickLanguage, type SurveyLanguage } from "../../core/survey/questions.js";
import { html, type SafeHtml } from "../../http/html.js";
import type { InvitationContext } from "../invitations/invitation.repository.js";
import { linksFor } from "../invitations/invitation-links.js";
import { oneLine } from "./mail-address.js";
import type { OutgoingMail } from "./mailer.js";

/** The first mail of an invitation, or its n-th reminder (1-based). */
export type InvitationMailKind = { type: "invite" } | { type: "remind"; reminder: number };

export interface InvitationEmailOptions {
  publicUrl: string;
  /** Sender address; the display name is the organization's company name. Default `surveys@<public host>`. */
  fromAddress?: string;
}

export interface RenderedInvitationEmail {
  mail: OutgoingMail;
  language: SurveyLanguage;
}

/** Addresses, links and texts only: the caller has already checked the invitation may be mailed. */
export function renderInvitationEmail(
  context: InvitationContext,
  kind: InvitationMailKind,
  options: InvitationEmailOptions,
): RenderedInvitationEmail {
  if (!context.contact_email) throw new Error(`Contact ${context.contact_id} has no email address`);
  if (!context.invitation_secret) {
    throw new Error(`Organization ${context.organization_id} has no invitation secret`);
  }
  const language = invitationLanguage(context);
  const t = translator(language);
  const company = oneLine(context.company_name);
  const links = linksFor(
    options.publicUrl,
    context.organization_id,
    context.invitation_secret,
    context.invitation_id,
  );
  const closes = context.wave_closes_at
    ? t("email.closes", {
        date: closingDate(context.wave_closes_at, language, context.organization_settings),
      })
    : null;
  const texts: EmailTexts = {
    language,
    subject: oneLine(t(kind.type === "invite" ? "email.subject" : "email.reminder_subject", { company })),
    greeting: context.contact_name
      ? t("email.greeting", { name: oneLine(context.contact_name) })
      : t("email.greeting_anonymous"),
    body: t("email.body", { company }),
    scaleHint: t("email.scale_hint"),
    cta: t("email.cta"),
    closes,
    footer: t("email.footer", { company }),
    unsubscribe: t("email.unsubscribe"),
  };
  const domain = mailDomain(options.publicUrl);
  return {
    language,
    mail: {
      from: { name: company, address: options.fromAddress ?? `surveys@${domain}` },
      to: { name: context.contact_name, address: context.contact_email },
      subject: texts.subject,
      text: renderText(texts, links),
      html: renderHtml(texts, links).toString(),
      messageId: invitationMessageId(context.organization_id, context.invitation_id, kind, domain),
      headers: {
        "List-Unsubscribe": `<${links.unsubscribe}>`,
        // RFC 8058: mailbox providers may POST to the link for a one-click unsubscribe.
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      metadata: { organizationId: context.organization_id, invitationId: context.invitation_id },
    },
  };
}

/** The invitation's own language when it was already mailed (reminders match), else the contact's. */
export function invitationLanguage(context: InvitationContext): SurveyLanguage {
  return pickLanguage(
    parseLanguages(context.survey_languages),
    [context.invitation_language, context.contact_language],
    context.survey_default_language,
  );
}

/** Deterministic per invitation and mail, so a resend after a crash carries the same id (and providers merge it). */
export function invitationMessageId(
  organizationId: string,
  invitationId: string,
  kind: InvitationMailKind,
  domain: string,
): string {
  const local = kind.type === "invite" ? `invite.${invitationId}` : `remind.${kind.reminder}.${invitationId}`;
  return `<${local}@${organizationId.toLowerCase()}.${domain}>`;
}

/** The public host, or `localhost` when it is an IP address (not allowed bare after the @). */
export function mailDomain(publicUrl: string): string {
  const host = new URL(publicUrl).hostname.toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) && /[a-z]/.test(host) ? host : "localhost";
}

function parseLanguages(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

// Every mail of a wave shows the same date; building a date formatter costs more than rendering the rest.
const closingDates = new Map<string, string>();

function closingDate(iso: string, language: SurveyLanguage, settings: string): string {
  const key = `${iso}\u0000${language}\u0000${settings}`;
  let text = closingDates.get(key);
  if (text === undefined) {
    if (closingDates.size >= 1_000) closingDates.clear();
    text = formatDate(iso, language, timeZoneOf(settings));
    closingDates.set(key, text);
  }
  return text;
}

function timeZoneOf(settings: string): string {
  try {
    return parseSettings(settings).timeZone;
  } catch {
    return "UTC";
  }
}

interface EmailTexts {
  language: SurveyLanguage;
  subject: string;
  greeting: string;
  body: string;
  scaleHint: string;
  cta: string;
  closes: string | null;
  footer: string;
  unsubscribe: string;
}

type InvitationLinks = ReturnType<typeof linksFor>;

function renderText(texts: EmailTexts, links: InvitationLinks): string {
  const lines = [
    texts.greeting,
    "",
    texts.body,
    "",
    texts.scaleHint,
    ...links.scores.map((url, score) => `${score}: ${url}`),
    "",
    `${texts.cta}: ${links.survey}`,
  ];
  if (texts.closes) lines.push(texts.closes);
  lines.push("", "-- ", texts.footer, `${texts.unsubscribe}: ${links.unsubscribe}`);
  return `${lines.join("\n")}\n`;
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const TEXT_COLOR = "#1f2933";
// One neutral colour for every score: colouring 0–6 red and 9–10 green would nudge the answer.
const BUTTON_COLOR = "#1d4ed8";

/** Tables and inline styles only: Outlook's Word engine ignores most CSS, including flexbox and classes. */
function renderHtml(texts: EmailTexts, links: InvitationLinks): SafeHtml {
  const scoreCells = links.scores.map(
    (
      url,
      score,
    ) => html`<td align="center" bgcolor="${BUTTON_COLOR}" width="9%" style="background:${BUTTON_COLOR};border-radius:4px;">
<a href="${url}" style="display:block;padding:12px 0;${FONT}font-size:16px;line-height:20px;font-weight:bold;color:#ffffff;text-decoration:none;">${score}</a></td>`,
  );
  return html`<!DOCTYPE html>
<html lang="${texts.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${texts.subject}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 8px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td style="padding:32px 24px 8px;${FONT}font-size:16px;line-height:24px;color:${TEXT_COLOR};">
<p style="margin:0 0 16px;">${texts.greeting}</p>
<p style="margin:0 0 16px;">${texts.body}</p>
</td></tr>
<tr><td style="padding:0 16px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="3" border="0"><tr>
${scoreCells}
</tr></table>
</td></tr>
<tr><td style="padding:8px 24px 24px;${FONT}font-size:13px;line-height:18px;color:#52606d;">${texts.scaleHint}</td></tr>
<tr><td style="padding:0 24px 24px;${FONT}font-size:16px;line-height:24px;color:${TEXT_COLOR};">
<a href="${links.survey}" style="color:${BUTTON_COLOR};font-weight:bold;">${texts.cta}</a>
${texts.closes ? html`<p style="margin:12px 0 0;">${texts.closes}</p>` : ""}
</td></tr>
<tr><td style="padding:16px 24px 24px;border-top:1px solid #e4e7eb;${FONT}font-size:12px;line-height:18px;color:#52606d;">
<p style="margin:0 0 8px;">${texts.footer}</p>
<a href="${links.unsubscribe}" style="color:#52606d;">${texts.unsubscribe}</a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

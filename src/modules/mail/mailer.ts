import nodemailer from "nodemailer";
import { redactSecrets } from "../jobs/job.js";
import { type MailAddress, toNodemailerAddress } from "./mail-address.js";
import { createOutboxMailer } from "./outbox.js";

export type { MailAddress };

/** One rendered message, ready for a transport. */
export interface OutgoingMail {
  from: MailAddress;
  to: MailAddress;
  subject: string;
  text: string;
  html: string;
  /** With angle brackets, e.g. `<invite.ID@org.example.com>`; deterministic so a resend is recognisable. */
  messageId: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post); ASCII values only. */
  headers?: Record<string, string>;
  /** Kept out of the message: the outbox index stores it so the app can list one organization's mails. */
  metadata?: { organizationId?: string; invitationId?: string };
}

export interface SentMail {
  messageId: string;
  /** Recipient addresses the server took responsibility for. */
  accepted: string[];
}

export interface Mailer {
  /** Where mail goes, safe to log (an SMTP URL with its password masked, or the outbox folder). */
  readonly description: string;
  /** Resolves once the server accepted the message; throws `MailDeliveryError` otherwise. */
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
}

/** A failed delivery, its message redacted; `permanent` is true for 5xx replies (except 503). */
export class MailDeliveryError extends Error {
  override readonly name = "MailDeliveryError";
  constructor(
    message: string,
    readonly details: {
      permanent: boolean;
      /** The server refused the recipient itself (RCPT TO), so retrying cannot help. */
      recipientRejected: boolean;
      /** False when the message surely never reached the server (refused connection, an SMTP error reply). */
      maybeDelivered: boolean;
      responseCode: number | null;
      response: string | null;
      code: string | null;
    },
  ) {
    super(redactSecrets(message));
  }
}

export interface SmtpMailerOptions {
  /** Parallel SMTP connections (default 4); match the job runner's concurrency. */
  maxConnections?: number;
  /** Close an idle pooled connection after this long, so a one-shot CLI run can exit soon (default 2 s). */
  idleTimeoutMs?: number;
}

/**
 * Pooled SMTP through nodemailer. Timeouts stay well under the job lease (60 s), so a hung server fails
 * the attempt before another worker could take the job over and send the same mail again.
 */
export function createSmtpMailer(smtpUrl: string, options: SmtpMailerOptions = {}): Mailer {
  const description = `SMTP ${redactSecrets(smtpUrl)}`;
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    maxMessages: 500,
    // A connection that drops mid-message may have delivered it: the job runner decides, and logs, a retry.
    maxRequeues: 0,
    idleTimeout: options.idleTimeoutMs ?? 2_000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    dnsTimeout: 10_000,
    // nodemailer's own logger could print the AUTH exchange; the job runner logs outcomes instead.
    logger: false,
    debug: false,
  });
  return {
    description,
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: toNodemailerAddress(mail.from),
          to: toNodemailerAddress(mail.to),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          headers: mail.headers ?? {},
          xMailer: false,
        });
        return { messageId: info.messageId, accepted: info.accepted.map(String) };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}

interface SmtpErrorFields {
  code?: unknown;
  originalCode?: unknown;
  timeoutType?: unknown;
  command?: unknown;
  response?: unknown;
  responseCode?: unknown;
  permanent?: unknown;
}

/** Failures that happen before a message can exist at the server: nothing to fear from a retry. */
const BEFORE_TRANSFER_CODES = new Set([
  "EDNS",
  "ETLS",
  "EAUTH",
  "ENOAUTH",
  "ECONFIG",
  "EENVELOPE",
  "EREQUIRETLS",
]);
const REFUSED_CONNECTION_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);
const BEFORE_TRANSFER_TIMEOUTS = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT"]);

function maybeDelivered(fields: SmtpErrorFields): boolean {
  // Any SMTP reply that is an error (even after DATA) means the server did not take the message.
  if (typeof fields.responseCode === "number") return false;
  if (typeof fields.code === "string" && BEFORE_TRANSFER_CODES.has(fields.code)) return false;
  if (typeof fields.originalCode === "string" && REFUSED_CONNECTION_CODES.has(fields.originalCode))
    return false;
  if (typeof fields.timeoutType === "string" && BEFORE_TRANSFER_TIMEOUTS.has(fields.timeoutType))
    return false;
  // A dropped connection or idle timeout may have come after the final "." reached the server.
  return true;
}

export function toDeliveryError(error: unknown): MailDeliveryError {
  if (error instanceof MailDeliveryError) return error;
  const fields: SmtpErrorFields = typeof error === "object" && error !== null ? error : {};
  const message = error instanceof Error ? error.message : String(error);
  const responseCode = typeof fields.responseCode === "number" ? fields.responseCode : null;
  const permanent = fields.permanent === true;
  return new MailDeliveryError(message, {
    permanent,
    // nodemailer reports a refused single recipient as EENVELOPE on RCPT TO.
    recipientRejected: permanent && fields.code === "EENVELOPE" && fields.command === "RCPT TO",
    maybeDelivered: maybeDelivered(fields),
    responseCode,
    response: typeof fields.response === "string" ? redactSecrets(fields.response) : null,
    code: typeof fields.code === "string" ? fields.code : null,
  });
}

export interface MailerSettings {
  smtpUrl: string | null;
  outboxDir: string;
}

/** SMTP when SMTP_URL is set; otherwise the outbox folder, so a newcomer can read every mail sent. */
export function createMailer(settings: MailerSettings, options: SmtpMailerOptions = {}): Mailer {
  return settings.smtpUrl
    ? createSmtpMailer(settings.smtpUrl, options)
    : createOutboxMailer(settings.outboxDir);
}

const sharedMailers = new Map<string, Mailer>();

/** One mailer (one SMTP pool) per destination for the whole process. */
export function sharedMailer(settings: MailerSettings): Mailer {
  const key = settings.smtpUrl ? `smtp:${settings.smtpUrl}` : `outbox:${settings.outboxDir}`;
  let mailer = sharedMailers.get(key);
  if (!mailer) {
    mailer = createMailer(settings);
    sharedMailers.set(key, mailer);
  }
  return mailer;
}

/** Closes the pooled connections on shutdown. */
export async function closeSharedMailers(): Promise<void> {
  const mailers = [...sharedMailers.values()];
  sharedMailers.clear();
  await Promise.all(mailers.map((mailer) => mailer.close()));
}

/**
 * Test support: a real SMTP server (smtp-server) on 127.0.0.1 that keeps every accepted message, so tests
 * count deliveries where they are counted in production: at the server. Imported by tests only (its
 * packages are dev dependencies); it belongs in src/test-support once that folder is open to this module.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  messageId: string;
  recipients: string[];
  raw: string;
}

export class CaptureSmtpServer {
  readonly messages: CapturedMail[] = [];
  /** The SMTP code to refuse a recipient with at RCPT TO (e.g. 550 permanent, 450 transient), or null. */
  rejectRecipient: (address: string) => number | null = () => null;
  private server: SMTPServer | null = null;
  private boundPort = 0;

  /** Listens on `port` (0: any free port; the same port again after `stop()` to bring the server back). */
  async start(port = this.boundPort): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      disableReverseLookup: true,
      logger: false,
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        const code = this.rejectRecipient(address.address);
        if (code === null) return callback();
        const error: Error & { responseCode?: number } = new Error("Mailbox unavailable");
        error.responseCode = code;
        callback(error);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const header = raw.slice(0, Math.max(0, raw.indexOf("\r\n\r\n")));
          this.messages.push({
            messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(header)?.[1] ?? "",
            recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.boundPort = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.boundPort}`;
  }

  /** Closes the listener and drops open connections, like a mail server going down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  countByMessageId(): Map<string, number> {
    return countBy(this.messages.map((message) => message.messageId));
  }

  countByRecipient(): Map<string, number> {
    return countBy(this.messages.flatMap((message) => message.recipients));
  }

  to(address: string): CapturedMail[] {
    return this.messages.filter((message) => message.recipients.includes(address));
  }

  parse(message: CapturedMail): Promise<ParsedMail> {
    return simpleParser(message.raw);
  }
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

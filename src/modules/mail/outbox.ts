import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { z } from "zod";
import { toNodemailerAddress } from "./mail-address.js";
import type { Mailer, OutgoingMail } from "./mailer.js";

const INDEX_FILE = "index.jsonl";

const outboxEntrySchema = z.object({
  file: z.string(),
  messageId: z.string(),
  to: z.string(),
  subject: z.string(),
  writtenAt: z.string(),
  organizationId: z.string().nullable().default(null),
  invitationId: z.string().nullable().default(null),
});

/** One mail in the outbox index, as the app lists it. */
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

/**
 * Writes each mail as an RFC 822 `.eml` file (openable in any mail client) and appends a line to
 * `index.jsonl`. The file is named after the Message-ID, so a resend of the same mail replaces it.
 */
export function createOutboxMailer(dir: string, clock: () => Date = () => new Date()): Mailer {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    description: `outbox ${path.resolve(dir)}`,
    async send(mail: OutgoingMail) {
      const info = await composer.sendMail({
        from: toNodemailerAddress(mail.from),
        to: toNodemailerAddress(mail.to),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers ?? {},
        date: clock(),
        xMailer: false,
      });
      const message = info.message;
      if (!Buffer.isBuffer(message)) throw new Error("The outbox transport did not return the message bytes");
      await fs.mkdir(dir, { recursive: true });
      const file = `${fileNameFor(mail.messageId)}.eml`;
      // Write then rename, so a reader never sees half a message.
      const temporary = path.join(dir, `.${file}.${process.pid}.tmp`);
      await fs.writeFile(temporary, message);
      await fs.rename(temporary, path.join(dir, file));
      const entry: OutboxEntry = {
        file,
        messageId: mail.messageId,
        to: mail.to.address,
        subject: mail.subject,
        writtenAt: clock().toISOString(),
        organizationId: mail.metadata?.organizationId ?? null,
        invitationId: mail.metadata?.invitationId ?? null,
      };
      // One short appended line per mail: concurrent appends from one process do not interleave.
      await fs.appendFile(path.join(dir, INDEX_FILE), `${JSON.stringify(entry)}\n`);
      return { messageId: info.messageId, accepted: [mail.to.address] };
    },
    async close() {
      composer.close();
    },
  };
}

function fileNameFor(messageId: string): string {
  return messageId.replace(/^<|>$/g, "").replace(/[^A-Za-z0-9._@-]/g, "_");
}

/** Newest first; one entry per file (a resend replaces the earlier line); a missing folder lists nothing. */
export async function listOutbox(
  dir: string,
  filter: { organizationId?: string; limit?: number } = {},
): Promise<OutboxEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, INDEX_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const byFile = new Map<string, OutboxEntry>();
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const parsed = outboxEntrySchema.safeParse(safeJson(line));
    // A line cut short by a crash is skipped rather than hiding the rest of the outbox.
    if (!parsed.success) continue;
    if (filter.organizationId && parsed.data.organizationId !== filter.organizationId) continue;
    byFile.delete(parsed.data.file);
    byFile.set(parsed.data.file, parsed.data);
  }
  const entries = [...byFile.values()].reverse();
  return filter.limit === undefined ? entries : entries.slice(0, filter.limit);
}

/** The raw `.eml` text of one listed mail; names outside the outbox are refused. */
export async function readOutboxMail(dir: string, file: string): Promise<string | null> {
  if (!/^[A-Za-z0-9._@-]+\.eml$/.test(file) || file.startsWith(".")) return null;
  try {
    return await fs.readFile(path.join(dir, file), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CaptureSmtpServer } from "../../test-support/capture-smtp-server.js";
import { createMailer, createSmtpMailer, MailDeliveryError, type OutgoingMail } from "./mailer.js";
import { listOutbox, readOutboxMail } from "./outbox.js";
import { TokenBucket } from "./token-bucket.js";

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    from: { name: "Northwind Cloud", address: "surveys@nps.example.com" },
    to: { name: "Ana Souza", address: "ana@partner.example" },
    subject: "Northwind Cloud would value your feedback",
    text: "Hello Ana,\n",
    html: "<p>Hello Ana,</p>",
    messageId: "<invite.1@org-1.nps.example.com>",
    headers: { "List-Unsubscribe": "<https://nps.example.com/u/org-1/token>" },
    metadata: { organizationId: "org-1", invitationId: "1" },
    ...overrides,
  };
}

describe("outbox mailer", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pnps-outbox-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is what createMailer gives without an SMTP URL", () => {
    expect(createMailer({ smtpUrl: null, outboxDir: dir }).description).toBe(`outbox ${path.resolve(dir)}`);
  });

  it("writes each mail as an .eml file a mail parser reads, and lists them newest first", async () => {
    const mailer = createMailer({ smtpUrl: null, outboxDir: dir });
    const first = await mailer.send(mail());
    expect(first).toEqual({
      messageId: "<invite.1@org-1.nps.example.com>",
      accepted: ["ana@partner.example"],
    });
    await mailer.send(
      mail({
        to: { address: "bo@partner.example" },
        messageId: "<invite.2@org-2.nps.example.com>",
        metadata: { organizationId: "org-2" },
      }),
    );

    const files = fs.readdirSync(dir).filter((file) => file.endsWith(".eml"));
    expect(files.sort()).toEqual([
      "invite.1@org-1.nps.example.com.eml",
      "invite.2@org-2.nps.example.com.eml",
    ]);
    const raw = fs.readFileSync(path.join(dir, files[0]!), "utf8");
    expect(raw).toContain("List-Unsubscribe: <https://nps.example.com/u/org-1/token>\r\n");
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe("<invite.1@org-1.nps.example.com>");
    expect(parsed.subject).toBe("Northwind Cloud would value your feedback");
    expect(parsed.html).toContain("<p>Hello Ana,</p>");
    expect(parsed.text).toBe("Hello Ana,\n");

    const listed = await listOutbox(dir);
    expect(listed.map((entry) => entry.to)).toEqual(["bo@partner.example", "ana@partner.example"]);
    expect(await listOutbox(dir, { organizationId: "org-1" })).toEqual([
      expect.objectContaining({
        file: "invite.1@org-1.nps.example.com.eml",
        subject: "Northwind Cloud would value your feedback",
        invitationId: "1",
      }),
    ]);
    expect(await readOutboxMail(dir, "invite.1@org-1.nps.example.com.eml")).toContain("Message-ID:");
  });

  it("keeps one entry when the same Message-ID is written again, and skips a torn index line", async () => {
    const mailer = createMailer({ smtpUrl: null, outboxDir: dir });
    await mailer.send(mail());
    fs.appendFileSync(path.join(dir, "index.jsonl"), '{"file":"half');
    fs.appendFileSync(path.join(dir, "index.jsonl"), "\n");
    await mailer.send(mail({ subject: "Second copy" }));
    const listed = await listOutbox(dir);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.subject).toBe("Second copy");
  });

  it("lists nothing for a missing folder and refuses file names outside it", async () => {
    expect(await listOutbox(path.join(dir, "missing"))).toEqual([]);
    expect(await readOutboxMail(dir, "../secrets.eml")).toBeNull();
    expect(await readOutboxMail(dir, "index.jsonl")).toBeNull();
  });
});

describe("SMTP mailer", () => {
  const smtp = new CaptureSmtpServer();

  beforeEach(async () => {
    await smtp.start(0);
    smtp.rejectRecipient = () => null;
  });
  afterEach(async () => {
    await smtp.stop();
  });

  it("never shows the SMTP password in its description", async () => {
    const mailer = createSmtpMailer("smtp://mailer:s3cret@127.0.0.1:2525");
    expect(mailer.description).toBe("SMTP smtp://mailer:***@127.0.0.1:2525");
    await mailer.close();
  });

  it("delivers with the given Message-ID and reports the accepted recipient", async () => {
    const mailer = createSmtpMailer(smtp.url);
    const sent = await mailer.send(mail());
    await mailer.close();
    expect(sent).toEqual({
      messageId: "<invite.1@org-1.nps.example.com>",
      accepted: ["ana@partner.example"],
    });
    expect(smtp.countByMessageId().get("<invite.1@org-1.nps.example.com>")).toBe(1);
  });

  it("tells a permanent refusal of the recipient from a temporary one", async () => {
    smtp.rejectRecipient = (address) => (address.startsWith("gone@") ? 550 : 451);
    const mailer = createSmtpMailer(smtp.url);
    const permanent = await mailer.send(mail({ to: { address: "gone@partner.example" } })).catch((e) => e);
    const transient = await mailer.send(mail({ to: { address: "busy@partner.example" } })).catch((e) => e);
    await mailer.close();
    expect(permanent).toBeInstanceOf(MailDeliveryError);
    expect(permanent.details).toMatchObject({
      permanent: true,
      recipientRejected: true,
      maybeDelivered: false,
      responseCode: 550,
    });
    expect(transient.details).toMatchObject({
      permanent: false,
      recipientRejected: false,
      responseCode: 451,
    });
  });

  it("reports a refused connection as surely not delivered", async () => {
    const port = smtp.port;
    await smtp.stop();
    const mailer = createSmtpMailer(`smtp://user:pw@127.0.0.1:${port}`);
    const failure = await mailer.send(mail()).catch((e) => e);
    await mailer.close();
    expect(failure).toBeInstanceOf(MailDeliveryError);
    expect(failure.details).toMatchObject({ maybeDelivered: false, recipientRejected: false });
    expect(failure.message).not.toContain("pw@");
  });
});

describe("TokenBucket", () => {
  it("lets a burst through, then spaces takes at the rate", async () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    await bucket.take();
    await bucket.take();
    expect(bucket.delayMs()).toBe(100);
    now = 250;
    expect(bucket.delayMs()).toBe(0);
  });

  it("gives up waiting when the signal aborts", async () => {
    const bucket = new TokenBucket(1, 1);
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort(new Error("stopping"));
    await expect(waiting).rejects.toThrow("stopping");
  });
});

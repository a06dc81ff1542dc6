import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api/client";

interface MailTestResult {
  transport: "smtp" | "outbox";
  messageId: string;
}

/** POST /api/v1/settings/mail-test: proves the SMTP settings by sending one message. */
export function MailTest({ defaultTo }: { defaultTo: string }) {
  const [to, setTo] = useState(defaultTo);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function send(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const sent = await api.post<MailTestResult>("/settings/mail-test", { to });
      setResult({
        kind: "ok",
        text:
          sent.transport === "smtp"
            ? `Test message sent through SMTP (message id ${sent.messageId}).`
            : `No SMTP server is configured: the message was written to the outbox (message id ${sent.messageId}).`,
      });
    } catch (error) {
      setResult({
        kind: "error",
        text: error instanceof ApiError ? error.message : "The test message failed.",
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card pg-section" aria-labelledby="mail-title">
      <h2 id="mail-title">Email delivery</h2>
      <p className="field-hint">
        Send a test message to check the SMTP settings the server was started with.
      </p>
      <form onSubmit={send} className="pg-inline-row">
        <label>
          Send a test to
          <input
            type="email"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
            autoComplete="email"
          />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Sending…" : "Send test email"}
        </button>
      </form>
      <p
        role="status"
        aria-live="polite"
        className={result?.kind === "error" ? "pg-error-text" : "pg-ok-text"}
      >
        {result?.text ?? ""}
      </p>
    </section>
  );
}

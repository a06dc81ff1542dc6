/** A webhook attempt that failed; its message never contains the URL (a webhook URL is a secret). */
export class WebhookError extends Error {
  override readonly name = "WebhookError";
  constructor(
    message: string,
    readonly status: number | null,
    /** False when the receiver surely did not take it (an error reply, a refused connection). */
    readonly maybeDelivered: boolean,
  ) {
    super(message);
  }
}

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs JSON and resolves on a 2xx; anything else (a non-2xx, a refused connection, a timeout) throws so
 * the job runner retries. `Idempotency-Key` carries the alert id for receivers that drop repeats.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  options: { idempotencyKey: string; label: string; signal?: AbortSignal; timeoutMs?: number },
): Promise<number> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": options.idempotencyKey },
      body: JSON.stringify(body),
      signal,
      // A redirect could lead the secret-bearing request elsewhere; a webhook answers directly.
      redirect: "error",
    });
  } catch (error) {
    const why = reason(error);
    const refused = REFUSED.has(why);
    throw new WebhookError(`${options.label} webhook unreachable: ${why}`, null, !refused);
  }
  // Drain the body so the connection is released; its text may echo the request, so it is not kept.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    throw new WebhookError(
      `${options.label} webhook answered HTTP ${response.status}`,
      response.status,
      false,
    );
  }
  return response.status;
}

const REFUSED = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);

function reason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return "timed out";
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (cause && typeof cause.code === "string") return cause.code;
    return error.name === "AbortError" ? "aborted" : "network error";
  }
  return "network error";
}

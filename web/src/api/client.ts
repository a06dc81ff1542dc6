/** The one way the dashboard talks to the server: JSON over /api/v1 with the session cookie. */

export type Query = Record<string, string | number | undefined>;

/** Mirrors the server's error body `{error:{code,message,details}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The server's validation issues `{issues:[{field,message}]}` keyed by field (first message wins). */
  fieldErrors(): Record<string, string> {
    const issues = (this.details as { issues?: unknown } | null | undefined)?.issues;
    const out: Record<string, string> = {};
    if (!Array.isArray(issues)) return out;
    for (const issue of issues as { field?: unknown; message?: unknown }[]) {
      if (typeof issue.field === "string" && typeof issue.message === "string")
        out[issue.field] ??= issue.message;
    }
    return out;
  }
}

let csrfToken: string | null = null;

/** The session provider hands the CSRF token over after sign-in; writes send it back as a header. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const DEV_KEY_STORAGE = "pnps.devApiKey";
/** Development only: lets `vite dev` talk to a server before a session exists (stripped from builds). */
function devApiKey(): string | null {
  if (!import.meta.env.DEV) return null;
  try {
    return sessionStorage.getItem(DEV_KEY_STORAGE);
  } catch {
    return null;
  }
}

const PUBLIC_PAGES = ["/app/login", "/app/setup", "/app/forgot-password", "/app/reset-password"];

let unauthenticatedHandler: () => void = sendToLogin;

/** The session provider takes over what a 401 means (forget the session, then the app asks to sign in). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  unauthenticatedHandler = handler ?? sendToLogin;
}

function sendToLogin(): void {
  const here = window.location.pathname;
  if (PUBLIC_PAGES.some((page) => here.startsWith(page))) return;
  const next = encodeURIComponent(here + window.location.search);
  window.history.pushState(null, "", `/app/login?next=${next}`);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

export function buildUrl(path: string, query?: Query): string {
  const url = path.startsWith("/api/") ? path : `/api/v1${path.startsWith("/") ? "" : "/"}${path}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") params.append(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const key = devApiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
      ?.error;
    // Sign-in, setup and the session probe answer 401 as part of their own flow, not as an expired session.
    const relative = path.replace(/^\/api\/v1/, "");
    const ownFlow = ["/auth/login", "/auth/session", "/setup"].some((prefix) => relative.startsWith(prefix));
    if (response.status === 401 && !ownFlow) unauthenticatedHandler();
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? `The server answered ${response.status}`,
      error?.details,
    );
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query): Promise<T> => request<T>("GET", path, undefined, query),
  post: <T>(path: string, body?: unknown): Promise<T> => request<T>("POST", path, body),
  patch: <T>(path: string, body?: unknown): Promise<T> => request<T>("PATCH", path, body),
  put: <T>(path: string, body?: unknown): Promise<T> => request<T>("PUT", path, body),
  del: <T>(path: string): Promise<T> => request<T>("DELETE", path),
};

/** A link for file downloads (exports); the cookie authenticates the browser's own GET. */
export function downloadUrl(path: string, query?: Query): string {
  return buildUrl(path, query);
}

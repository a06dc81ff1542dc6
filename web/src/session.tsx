import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from "./api/client";

export type Role = "admin" | "analyst" | "partner_manager" | "viewer";

/** The server's SessionView (GET /api/v1/auth/session, login and setup answers). */
export interface SessionView {
  user: { userId: string; email: string; name: string; role: Role };
  organization: { organizationId: string; name: string; slug: string; companyName: string | null };
  csrfToken: string;
}

export type SessionStatus = "loading" | "signed-in" | "signed-out" | "needs-setup" | "error";

interface SessionState {
  status: SessionStatus;
  session: SessionView | null;
  error: ApiError | null;
  /** Called with the login/setup answer so the app is signed in without another round trip. */
  signedIn(session: SessionView): void;
  signOut(): Promise<void>;
  reload(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

async function loadSession(): Promise<{ status: SessionStatus; session: SessionView | null }> {
  try {
    return { status: "signed-in", session: await api.get<SessionView>("/auth/session") };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  const setup = await api.get<{ needsSetup: boolean }>("/setup");
  return { status: setup.needsSetup ? "needs-setup" : "signed-out", session: null };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>("loading");
  const [session, setSession] = useState<SessionView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const apply = useCallback((next: SessionView | null, nextStatus: SessionStatus) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
    setStatus(nextStatus);
  }, []);

  const reload = useCallback(async () => {
    try {
      const loaded = await loadSession();
      setError(null);
      apply(loaded.session, loaded.status);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "unknown", String(caught)));
      setStatus("error");
    }
  }, [apply]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // An API call answered 401 (session expired or ended elsewhere): forget it; the app then shows sign-in.
  useEffect(() => {
    setUnauthenticatedHandler(() => apply(null, "signed-out"));
    return () => setUnauthenticatedHandler(null);
  }, [apply]);

  const value = useMemo<SessionState>(
    () => ({
      status,
      session,
      error,
      signedIn: (next) => apply(next, "signed-in"),
      signOut: async () => {
        try {
          await api.post("/auth/logout");
        } finally {
          apply(null, "signed-out");
        }
      },
      reload,
    }),
    [status, session, error, apply, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession must be used inside <SessionProvider>");
  return state;
}

/** The signed-in user, organization and CSRF token, or null when nobody is signed in. */
export function useSession(): SessionView | null {
  return useSessionState().session;
}

/** Status and actions (sign-in, sign-out, reload) for the shell and the sign-in pages. */
export function useSessionControl(): SessionState {
  return useSessionState();
}

/** Roles allowed to change data other than follow-up cases. */
export function canWrite(session: SessionView | null): boolean {
  return session?.user.role === "admin" || session?.user.role === "analyst";
}

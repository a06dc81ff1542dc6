import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api/client";
import { Field } from "../../components/Field";
import { Link, navigate, useSearchParams } from "../../routing";
import { type SessionView, useSessionControl } from "../../session";
import { AuthLayout, FormAlert } from "./AuthLayout";

/** Only same-app paths are followed after sign-in, so a crafted link cannot send users elsewhere. */
export function safeNext(next: string | null): string {
  if (!next?.startsWith("/app/") || next.startsWith("//")) return "/";
  return next;
}

export default function LoginPage() {
  const params = useSearchParams();
  const { signedIn } = useSessionControl();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [organization, setOrganization] = useState("");
  const [askOrganization, setAskOrganization] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = params.get("reset") === "1";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<SessionView>("/auth/login", {
        email,
        password,
        ...(organization.trim() ? { organization: organization.trim() } : {}),
      });
      signedIn(session);
      navigate(safeNext(params.get("next")), { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "invalid_credentials") {
        setError("The email or password is not right.");
      } else if (caught instanceof ApiError && caught.code === "rate_limited") {
        setError("Too many attempts. Wait a few minutes, then try again.");
      } else if (caught instanceof ApiError && caught.fieldErrors().organization) {
        setAskOrganization(true);
        setError("This email belongs to several organizations: enter the organization's short name.");
      } else {
        setError(caught instanceof Error ? caught.message : "Sign-in failed.");
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Sign in">
      {reset ? (
        <FormAlert tone="success" message="Your password was changed. Sign in with the new one." />
      ) : null}
      <FormAlert message={error} />
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {askOrganization ? (
          <Field
            label="Organization"
            hint="The short name in your organization's address, such as northwind-cloud."
            name="organization"
            value={organization}
            onChange={(event) => setOrganization(event.target.value)}
          />
        ) : null}
        <button type="submit" className="button button-block" disabled={busy || !email || !password}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <div className="auth-links">
        <Link to="/forgot-password">Forgot your password?</Link>
        {!askOrganization ? (
          <button type="button" className="link-button" onClick={() => setAskOrganization(true)}>
            Choose organization
          </button>
        ) : null}
      </div>
    </AuthLayout>
  );
}

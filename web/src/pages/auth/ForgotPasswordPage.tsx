import { type FormEvent, useState } from "react";
import { api } from "../../api/client";
import { Field } from "../../components/Field";
import { Link } from "../../routing";
import { AuthLayout, FormAlert } from "./AuthLayout";

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/password-reset", { email });
      setSent(true);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The request failed.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Reset your password">
      {sent ? (
        <FormAlert
          tone="success"
          message="If an account uses this email, a link to choose a new password is on its way. The link works for one hour."
        />
      ) : (
        <>
          <p className="muted">
            Enter your account's email and we will send you a link to choose a new password.
          </p>
          <FormAlert message={error} />
          <form className="form" onSubmit={submit} noValidate>
            <Field
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <button type="submit" className="button button-block" disabled={busy || !email}>
              {busy ? "Sending…" : "Send reset link"}
            </button>
          </form>
        </>
      )}
      <div className="auth-links">
        <Link to="/login">Back to sign-in</Link>
      </div>
    </AuthLayout>
  );
}

import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api/client";
import { Field } from "../../components/Field";
import { Link, navigate, useSearchParams } from "../../routing";
import { AuthLayout, FormAlert } from "./AuthLayout";

export default function ResetPasswordPage() {
  const token = useSearchParams().get("token") ?? "";
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mismatch = confirm.length > 0 && confirm !== password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mismatch) return;
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/password-reset/confirm", { token, password });
      navigate("/login?reset=1", { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.fieldErrors().password)
        setError(`Password ${caught.fieldErrors().password}.`);
      else if (caught instanceof ApiError && caught.status === 400)
        setError("This link is not valid any more (links work once, for one hour). Ask for a new one.");
      else setError(caught instanceof Error ? caught.message : "The password could not be changed.");
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <AuthLayout title="Choose a new password">
        <FormAlert message="This page needs the link from the password reset email." />
        <Link to="/forgot-password">Ask for a new link</Link>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title="Choose a new password">
      <FormAlert message={error} />
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          required
          minLength={10}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Field
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          error={mismatch ? "The two passwords differ." : undefined}
        />
        <button
          type="submit"
          className="button button-block"
          disabled={busy || password.length < 10 || mismatch}
        >
          {busy ? "Saving…" : "Set new password"}
        </button>
      </form>
      <div className="auth-links">
        <Link to="/forgot-password">Ask for a new link</Link>
      </div>
    </AuthLayout>
  );
}

import { type FormEvent, useState } from "react";
import { ApiError, api } from "../../api/client";
import { Field } from "../../components/Field";
import { navigate } from "../../routing";
import { type SessionView, useSessionControl } from "../../session";
import { AuthLayout, FormAlert } from "./AuthLayout";

/** First run: create the organization and its first administrator, optionally with demo data. */
export default function SetupPage() {
  const { signedIn, status } = useSessionControl();
  const [form, setForm] = useState({
    organizationName: "",
    companyName: "",
    name: "",
    email: "",
    password: "",
  });
  const [demo, setDemo] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (status === "signed-out") {
    return (
      <AuthLayout title="Already set up">
        <p>This installation already has an administrator.</p>
        <button type="button" className="button" onClick={() => navigate("/login")}>
          Go to sign-in
        </button>
      </AuthLayout>
    );
  }

  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const session = await api.post<SessionView>("/setup", {
        organizationName: form.organizationName,
        ...(form.companyName.trim() ? { companyName: form.companyName } : {}),
        name: form.name,
        email: form.email,
        password: form.password,
        demo,
      });
      signedIn(session);
      navigate("/", { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError) {
        setErrors(caught.fieldErrors());
        setError(caught.code === "validation_failed" ? "Check the highlighted fields." : caught.message);
      } else setError("Setup failed.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Set up Partner NPS" wide>
      <p className="muted">
        Create your organization and the first administrator account. You can invite colleagues afterwards.
      </p>
      <FormAlert message={error} />
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label="Organization name"
          hint="Shown in the dashboard, for example your partner program's name."
          required
          value={form.organizationName}
          onChange={set("organizationName")}
          error={errors.organizationName}
        />
        <Field
          label="Company name (optional)"
          hint="Shown to partners in survey emails and pages."
          value={form.companyName}
          onChange={set("companyName")}
          error={errors.companyName}
        />
        <Field
          label="Your name"
          autoComplete="name"
          required
          value={form.name}
          onChange={set("name")}
          error={errors.name}
        />
        <Field
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={form.email}
          onChange={set("email")}
          error={errors.email}
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          required
          minLength={10}
          value={form.password}
          onChange={set("password")}
          error={errors.password}
        />
        <label className="checkbox">
          <input type="checkbox" checked={demo} onChange={(event) => setDemo(event.target.checked)} />
          <span>
            Load demo data
            <span className="field-hint" style={{ display: "block" }}>
              A realistic partner program (400 partners, two years of survey waves) to explore the dashboard.
            </span>
          </span>
        </label>
        <button type="submit" className="button button-block" disabled={busy}>
          {busy ? (demo ? "Creating and loading demo data…" : "Creating…") : "Create organization"}
        </button>
      </form>
    </AuthLayout>
  );
}

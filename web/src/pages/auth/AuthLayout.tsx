import type { ReactNode } from "react";

/** The centred card the signed-out pages share. */
export function AuthLayout({
  title,
  children,
  wide,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <main id="main" className="auth-page">
      <div className={`auth-card${wide ? " is-wide" : ""}`}>
        <div className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Partner NPS</span>
        </div>
        <div className="card form">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </main>
  );
}

export function FormAlert({
  message,
  tone = "error",
}: {
  message: string | null;
  tone?: "error" | "success" | "info";
}) {
  if (!message) return null;
  return (
    <div className={`alert alert-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {message}
    </div>
  );
}

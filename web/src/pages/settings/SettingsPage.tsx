import { type KeyboardEvent, useCallback, useEffect, useState } from "react";
import { api } from "../../api/client";
import { clearApiCache } from "../../api/useApi";
import { ErrorState } from "../../components/ErrorState";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { useSession } from "../../session";
import { ApiKeysSection } from "./ApiKeysSection";
import { MailTest } from "./MailTest";
import { ScoringSettings } from "./ScoringSettings";
import type { OrganizationSettings } from "./settings-model";
import { UsersSection } from "./UsersSection";
import "../surveys/pages.css";

type Tab = "scoring" | "email" | "users" | "keys";
const tabLabels: Record<Tab, string> = {
  scoring: "Scoring and fatigue",
  email: "Email",
  users: "Users",
  keys: "API keys",
};

/** Organization settings; admins edit, others read. Users and API keys exist only for admins. */
export default function SettingsPage() {
  const session = useSession();
  const isAdmin = session?.user.role === "admin";
  const [settings, setSettings] = useState<OrganizationSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const tabs: Tab[] = isAdmin ? ["scoring", "email", "users", "keys"] : ["scoring"];
  const [tab, setTab] = useState<Tab>(() => {
    const wanted = new URLSearchParams(window.location.search).get("tab") as Tab | null;
    return wanted && tabs.includes(wanted) ? wanted : "scoring";
  });

  const load = useCallback(async () => {
    setError(null);
    try {
      setSettings(await api.get<OrganizationSettings>("/settings"));
    } catch (caught) {
      setError(caught);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const choose = (next: Tab) => {
    setTab(next);
    const url = new URL(window.location.href);
    url.searchParams.set("tab", next);
    window.history.replaceState(null, "", url.pathname + url.search);
  };

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0 && event.key !== "Home" && event.key !== "End") return;
    event.preventDefault();
    const nextIndex =
      event.key === "Home"
        ? 0
        : event.key === "End"
          ? tabs.length - 1
          : (index + step + tabs.length) % tabs.length;
    const next = tabs[nextIndex]!;
    choose(next);
    document.getElementById(`settings-tab-${next}`)?.focus();
  };

  const panel = (
    <>
      {tab === "scoring" ? (
        error ? (
          <ErrorState error={error} onRetry={() => void load()} />
        ) : settings ? (
          <ScoringSettings
            settings={settings}
            canEdit={isAdmin}
            onSaved={(saved) => {
              // Bands and methods are cached for figures on other pages; they must read the new values.
              clearApiCache();
              setSettings(saved);
            }}
          />
        ) : (
          <Loading label="Loading settings…" />
        )
      ) : null}
      {tab === "email" && isAdmin ? <MailTest defaultTo={session?.user.email ?? ""} /> : null}
      {tab === "users" && isAdmin ? <UsersSection currentUserId={session?.user.userId ?? ""} /> : null}
      {tab === "keys" && isAdmin ? <ApiKeysSection /> : null}
    </>
  );

  return (
    <div className="pg-page">
      <PageHeader
        title="Settings"
        description={
          isAdmin
            ? "How scores are read and how often partners are asked, email delivery, users and API keys."
            : "Only administrators can change settings; you see them read-only."
        }
      />
      {tabs.length > 1 ? (
        <div role="tablist" aria-label="Settings sections" className="pg-tabs">
          {tabs.map((t, index) => (
            <button
              key={t}
              id={`settings-tab-${t}`}
              type="button"
              role="tab"
              aria-selected={tab === t}
              aria-controls={`settings-panel-${t}`}
              tabIndex={tab === t ? 0 : -1}
              onClick={() => choose(t)}
              onKeyDown={(e) => onTabKey(e, index)}
            >
              {tabLabels[t]}
            </button>
          ))}
        </div>
      ) : null}
      {tabs.length > 1 ? (
        <div
          id={`settings-panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`settings-tab-${tab}`}
          className="pg-tab-panel"
        >
          {panel}
        </div>
      ) : (
        <div className="pg-tab-panel">{panel}</div>
      )}
    </div>
  );
}

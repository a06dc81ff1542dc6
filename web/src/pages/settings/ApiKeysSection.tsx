import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { ApiError, api } from "../../api/client";
import { ConfirmDialog } from "../waves/ConfirmDialog";
import {
  type ApiKeyScope,
  type ApiKeyView,
  apiKeyScopes,
  formatDateTime,
  scopeDescriptions,
} from "./settings-model";

/** Admin only: list, create (the key is shown once) and revoke API keys. */
export function ApiKeysSection() {
  const [keys, setKeys] = useState<ApiKeyView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>(["read"]);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const [busy, setBusy] = useState(false);
  const keyField = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setKeys((await api.get<{ items: ApiKeyView[] }>("/api-keys")).items);
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : "API keys could not be loaded.");
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (created) keyField.current?.focus();
  }, [created]);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (scopes.length === 0) {
      setMessage({ kind: "error", text: "Choose at least one scope." });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const answer = await api.post<{ apiKeyId: string; key: string }>("/api-keys", { name, scopes });
      setCreated({ name, key: answer.key });
      setCopied(false);
      setName("");
      setScopes(["read"]);
      await load();
    } catch (error) {
      setMessage({
        kind: "error",
        text: error instanceof ApiError ? error.message : "The key could not be created.",
      });
    } finally {
      setBusy(false);
    }
  }

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    try {
      await api.post(`/api-keys/${encodeURIComponent(revoking.apiKeyId)}/revoke`);
      setMessage({ kind: "ok", text: `Key “${revoking.name}” revoked; requests with it now fail.` });
      setRevoking(null);
      await load();
    } catch (error) {
      setMessage({
        kind: "error",
        text: error instanceof ApiError ? error.message : "The key could not be revoked.",
      });
      setRevoking(null);
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      keyField.current?.select();
      setMessage({ kind: "error", text: "Copying is blocked here; the key is selected, press Ctrl+C." });
    }
  }

  return (
    <section className="card pg-section" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p className="field-hint">
        Send a key as <code>Authorization: Bearer pnps_…</code>. Only its first characters are stored in
        readable form.
      </p>
      {loadError ? <p className="pg-error-text">{loadError}</p> : null}
      {keys && keys.length === 0 ? <p className="field-hint">No API keys yet.</p> : null}
      {keys && keys.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table pg-stack-table">
            <caption className="visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.apiKeyId}>
                  {/* data-label: the column name phones show once the row is stacked (pages.css). */}
                  <th scope="row" className="pg-stack-wide">
                    {key.name}
                  </th>
                  <td data-label="Key">
                    <code>{key.keyPrefix}…</code>
                  </td>
                  <td data-label="Scopes">{key.scopes.join(", ")}</td>
                  <td data-label="Created">{formatDateTime(key.createdAt)}</td>
                  <td data-label="Last used">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</td>
                  <td className="pg-stack-wide">
                    {key.revokedAt ? (
                      <span className="badge badge-neutral">Revoked {formatDateTime(key.revokedAt)}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button-secondary button-small pg-danger-outline"
                        onClick={() => setRevoking(key)}
                      >
                        Revoke<span className="visually-hidden"> key {key.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {created ? (
        <section className="pg-callout" aria-labelledby="new-key-title">
          <h3 id="new-key-title">Key “{created.name}” created</h3>
          <p>Copy it now: it is shown only this once and cannot be recovered.</p>
          <div className="pg-inline-row">
            <label className="pg-grow">
              <span className="visually-hidden">New API key</span>
              <input
                ref={keyField}
                readOnly
                value={created.key}
                className="pg-mono pg-input-wide"
                onFocus={(e) => e.target.select()}
              />
            </label>
            <button type="button" className="button" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy key"}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </section>
      ) : null}

      <h3>Create a key</h3>
      <form onSubmit={create} className="pg-form-grid">
        <label className="field">
          Name
          <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="CRM sync" />
        </label>
        <fieldset className="field">
          <legend>Scopes</legend>
          {apiKeyScopes.map((scope) => (
            <label key={scope} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(e) =>
                  setScopes((s) => (e.target.checked ? [...s, scope] : s.filter((x) => x !== scope)))
                }
              />
              <span>
                <strong>{scope}</strong> — {scopeDescriptions[scope]}
              </span>
            </label>
          ))}
        </fieldset>
        <div className="pg-actions">
          <button type="submit" className="button" disabled={busy}>
            Create key
          </button>
        </div>
      </form>
      <p
        role="status"
        aria-live="polite"
        className={message?.kind === "error" ? "pg-error-text" : "pg-ok-text"}
      >
        {message?.text ?? ""}
      </p>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this API key?"
        confirmLabel="Revoke key"
        danger
        busy={busy}
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      >
        <p>
          Integrations that use “{revoking?.name}” (<code>{revoking?.keyPrefix}…</code>) stop working at once.
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}

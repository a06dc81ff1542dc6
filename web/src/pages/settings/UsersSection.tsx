import { type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError, api } from "../../api/client";
import { type FieldErrors, fieldErrors } from "../surveys/field-errors";
import { formatDateTime, roleLabels, type UserRole, type UserView, userRoles } from "./settings-model";

/** Admin only: invite users, change their role and lead, disable them (GET/POST/PATCH /api/v1/users). */
export function UsersSection({ currentUserId }: { currentUserId: string }) {
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [invite, setInvite] = useState({ name: "", email: "", role: "viewer" as UserRole });
  const [inviteErrors, setInviteErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const answer = await api.get<{ items: UserView[] }>("/users");
      setUsers(answer.items);
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : "Users could not be loaded.");
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function submitInvite(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setInviteErrors({});
    setMessage(null);
    try {
      const created = await api.post<UserView>("/users", invite);
      setMessage({ kind: "ok", text: `Invitation sent to ${created.email}.` });
      setInvite({ name: "", email: "", role: "viewer" });
      await load();
    } catch (error) {
      const apiError = error instanceof ApiError ? error : null;
      setInviteErrors(fieldErrors(apiError?.details));
      setMessage({ kind: "error", text: apiError?.message ?? "The invitation failed." });
    } finally {
      setBusy(false);
    }
  }

  async function change(
    user: UserView,
    patch: Partial<Pick<UserView, "role" | "leadUserId" | "disabled">>,
    done: string,
  ) {
    setMessage(null);
    try {
      const updated = await api.patch<UserView>(`/users/${encodeURIComponent(user.userId)}`, patch);
      setUsers((list) => list?.map((u) => (u.userId === updated.userId ? updated : u)) ?? null);
      setMessage({ kind: "ok", text: done });
    } catch (error) {
      setMessage({ kind: "error", text: error instanceof ApiError ? error.message : "The change failed." });
    }
  }

  return (
    <section className="card pg-section" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      {loadError ? <p className="pg-error-text">{loadError}</p> : null}
      {users === null && !loadError ? <p className="field-hint">Loading users…</p> : null}
      {users ? (
        <div className="table-scroll">
          <table className="data-table pg-stack-table">
            <caption className="visually-hidden">Users of this organization</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Lead</th>
                <th scope="col">Status</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const self = user.userId === currentUserId;
                return (
                  <tr key={user.userId}>
                    {/* data-label: the column name phones show once the row is stacked (pages.css). */}
                    <th scope="row" className="pg-stack-wide">
                      {user.name}
                    </th>
                    <td className="pg-stack-wide">{user.email}</td>
                    <td data-label="Role">
                      <select
                        aria-label={`Role of ${user.name}`}
                        value={user.role}
                        disabled={self}
                        onChange={(e) =>
                          void change(
                            user,
                            { role: e.target.value as UserRole },
                            `${user.name} is now ${roleLabels[e.target.value as UserRole]}.`,
                          )
                        }
                      >
                        {userRoles.map((r) => (
                          <option key={r} value={r}>
                            {roleLabels[r]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label="Lead">
                      <select
                        aria-label={`Lead of ${user.name}`}
                        value={user.leadUserId ?? ""}
                        onChange={(e) =>
                          void change(
                            user,
                            { leadUserId: e.target.value || null },
                            e.target.value
                              ? `Lead of ${user.name} changed.`
                              : `${user.name} has no lead now.`,
                          )
                        }
                      >
                        <option value="">No lead</option>
                        {users
                          .filter((u) => u.userId !== user.userId && !u.disabled)
                          .map((u) => (
                            <option key={u.userId} value={u.userId}>
                              {u.name}
                            </option>
                          ))}
                      </select>
                    </td>
                    <td data-label="Status">
                      {self ? (
                        <span>Active (you)</span>
                      ) : (
                        <button
                          type="button"
                          className={
                            user.disabled
                              ? "button button-secondary button-small"
                              : "button button-secondary button-small pg-danger-outline"
                          }
                          onClick={() =>
                            void change(
                              user,
                              { disabled: !user.disabled },
                              user.disabled ? `${user.name} can sign in again.` : `${user.name} is disabled.`,
                            )
                          }
                        >
                          {user.disabled ? "Enable" : "Disable"}
                          <span className="visually-hidden"> {user.name}</span>
                        </button>
                      )}
                      {user.disabled ? <span className="badge badge-neutral">Disabled</span> : null}
                    </td>
                    <td data-label="Added">{formatDateTime(user.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <p
        role="status"
        aria-live="polite"
        className={message?.kind === "error" ? "pg-error-text" : "pg-ok-text"}
      >
        {message?.text ?? ""}
      </p>

      <h3>Invite a user</h3>
      <form onSubmit={submitInvite} className="pg-form-grid">
        <label className="field">
          Name
          <input
            required
            value={invite.name}
            onChange={(e) => setInvite((v) => ({ ...v, name: e.target.value }))}
            aria-invalid={Boolean(inviteErrors.name)}
          />
          {inviteErrors.name ? <span className="field-error">{inviteErrors.name}</span> : null}
        </label>
        <label className="field">
          Email
          <input
            type="email"
            required
            value={invite.email}
            onChange={(e) => setInvite((v) => ({ ...v, email: e.target.value }))}
            aria-invalid={Boolean(inviteErrors.email)}
          />
          {inviteErrors.email ? <span className="field-error">{inviteErrors.email}</span> : null}
        </label>
        <label className="field">
          Role
          <select
            value={invite.role}
            onChange={(e) => setInvite((v) => ({ ...v, role: e.target.value as UserRole }))}
          >
            {userRoles.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
          {inviteErrors.role ? <span className="field-error">{inviteErrors.role}</span> : null}
        </label>
        <div className="pg-actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Inviting…" : "Send invitation"}
          </button>
        </div>
      </form>
      <p className="field-hint">The person receives an email with a link to choose a password.</p>
    </section>
  );
}

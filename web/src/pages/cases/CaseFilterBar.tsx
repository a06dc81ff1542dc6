import { useId } from "react";
import { ApiError } from "../../api/client";
import type { UserSummary } from "../../api/types";
import { CASE_STATUSES, type CaseFilters, STATUS_LABELS } from "./case-model";

const STATUS_OPTIONS = [
  { value: "", label: "All statuses" },
  { value: "new,in_progress,contacted", label: "Open (new, in progress, contacted)" },
  { value: "resolved,closed_without_action", label: "Closed (resolved or without action)" },
  ...CASE_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] })),
];

export type FilterChange = Partial<
  Record<"status" | "owner" | "overdue" | "partner" | "view", string | undefined>
>;

interface Props {
  filters: CaseFilters;
  onChange: (change: FilterChange) => void;
  /** Partners with cases in the current view, plus the selected one. */
  partners: { id: string; name: string }[];
  /** Admins get every user; everyone else filters by "mine" or nobody. */
  users: UserSummary[] | null;
  usersError: unknown;
  /** Owner names seen on cases, so a selected owner reads as a name even without the users list. */
  ownerNames: Map<string, string>;
}

/** Status, owner ("mine" included), partner and overdue; every choice is written to the URL. */
export function CaseFilterBar({ filters, onChange, partners, users, usersError, ownerNames }: Props) {
  const id = useId();
  const active = Boolean(filters.status || filters.owner || filters.overdue || filters.partner);
  const ownerOptions = (users ?? []).filter((u) => !u.disabled).sort((a, b) => a.name.localeCompare(b.name));
  const ownerKnown =
    !filters.owner || filters.owner === "mine" || ownerOptions.some((u) => u.userId === filters.owner);
  const statusKnown = STATUS_OPTIONS.some((o) => o.value === (filters.status ?? ""));
  // A 403 only means this role cannot list users; anything else is worth saying.
  const usersProblem = usersError && !(usersError instanceof ApiError && usersError.status === 403);
  return (
    <fieldset className="filter-bar case-filters">
      <legend className="visually-hidden">Filter cases</legend>
      <div className="filter-field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={filters.status ?? ""}
          onChange={(event) => onChange({ status: event.target.value || undefined })}
        >
          {STATUS_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {statusKnown ? null : <option value={filters.status}>{filters.status}</option>}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <select
          id={`${id}-owner`}
          value={filters.owner ?? ""}
          onChange={(event) => onChange({ owner: event.target.value || undefined })}
        >
          <option value="">All owners</option>
          <option value="mine">Mine</option>
          {ownerOptions.map((user) => (
            <option key={user.userId} value={user.userId}>
              {user.name}
            </option>
          ))}
          {ownerKnown ? null : (
            <option value={filters.owner}>{ownerNames.get(filters.owner!) ?? "Selected owner"}</option>
          )}
        </select>
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-partner`}>Partner</label>
        <select
          id={`${id}-partner`}
          value={filters.partner ?? ""}
          onChange={(event) => onChange({ partner: event.target.value || undefined })}
        >
          <option value="">All partners</option>
          {partners.map((partner) => (
            <option key={partner.id} value={partner.id}>
              {partner.name}
            </option>
          ))}
        </select>
      </div>
      <label className="checkbox case-overdue-toggle">
        <input
          type="checkbox"
          checked={Boolean(filters.overdue)}
          onChange={(event) => onChange({ overdue: event.target.checked ? "true" : undefined })}
        />
        <span>Only overdue</span>
      </label>
      {active ? (
        <button
          type="button"
          className="button button-ghost button-small filter-clear"
          onClick={() =>
            onChange({ status: undefined, owner: undefined, overdue: undefined, partner: undefined })
          }
        >
          Clear filters
        </button>
      ) : null}
      {usersProblem ? (
        <p className="field-error case-filter-note" role="alert">
          The owner list could not be loaded:{" "}
          {usersError instanceof Error ? usersError.message : "unknown error"}
        </p>
      ) : null}
    </fieldset>
  );
}

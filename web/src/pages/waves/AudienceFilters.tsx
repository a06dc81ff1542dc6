import { useEffect, useState } from "react";
import { api } from "../../api/client";
import type { Audience } from "./wave-model";

interface Options {
  tier: string[];
  type: string[];
  region: string[];
  country: string[];
  roles: string[];
  languages: string[];
}

const distinct = (values: (string | null | undefined)[]) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort((a, b) => a.localeCompare(b));

/** The choices come from the organization's own partners and contacts, so no filter can match nothing by typo. */
async function loadOptions(): Promise<Options> {
  const [partners, contacts] = await Promise.all([
    api.get<{
      items: { tier: string | null; type: string | null; region: string | null; country: string | null }[];
    }>("/partners", { limit: 1000 }),
    api.get<{ items: { role: string | null; language: string | null }[] }>("/contacts", { limit: 1000 }),
  ]);
  return {
    tier: distinct(partners.items.map((p) => p.tier)),
    type: distinct(partners.items.map((p) => p.type)),
    region: distinct(partners.items.map((p) => p.region)),
    country: distinct(partners.items.map((p) => p.country)),
    roles: distinct(contacts.items.map((c) => c.role)),
    languages: distinct(contacts.items.map((c) => c.language)),
  };
}

const languageNames: Record<string, string> = { en: "English", fr: "French", de: "German", es: "Spanish" };
/** "system_integrator" → "System integrator"; short codes such as "isv" read as acronyms. */
const humanize = (value: string) =>
  languageNames[value] ??
  (value.length <= 3 && /^[a-z]+$/.test(value)
    ? value.toUpperCase()
    : value.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase()));

function CheckGroup({
  legend,
  values,
  chosen,
  onChange,
}: {
  legend: string;
  values: string[];
  chosen: string[] | undefined;
  onChange: (next: string[]) => void;
}) {
  if (values.length === 0) return null;
  const selected = chosen ?? [];
  return (
    <fieldset className="field pg-filter-group">
      <legend>
        {legend} <span className="field-hint">{selected.length ? `${selected.length} chosen` : "any"}</span>
      </legend>
      <div className="pg-check-row">
        {values.map((value) => (
          <label key={value} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(value)}
              onChange={(e) =>
                onChange(e.target.checked ? [...selected, value] : selected.filter((v) => v !== value))
              }
            />
            {humanize(value)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Partner filters (tier, type, region, country, strategic) and contact filters (role, language). */
export function AudienceFilters({
  audience,
  onChange,
}: {
  audience: Audience;
  onChange: (a: Audience) => void;
}) {
  const [options, setOptions] = useState<Options | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadOptions()
      .then(setOptions)
      .catch(() => setError("The filter choices could not be loaded; the audience is everyone reachable."));
  }, []);
  const set = (patch: Audience) => onChange({ ...audience, ...patch });

  if (error) return <p className="pg-error-text">{error}</p>;
  if (!options) return <p className="field-hint">Loading filter choices…</p>;
  return (
    <div className="pg-filters">
      <h3 className="pg-subhead">Partners</h3>
      <CheckGroup
        legend="Tier"
        values={options.tier}
        chosen={audience.tier}
        onChange={(tier) => set({ tier })}
      />
      <CheckGroup
        legend="Type"
        values={options.type}
        chosen={audience.type}
        onChange={(type) => set({ type })}
      />
      <CheckGroup
        legend="Region"
        values={options.region}
        chosen={audience.region}
        onChange={(region) => set({ region })}
      />
      {options.country.length <= 30 ? (
        <CheckGroup
          legend="Country"
          values={options.country}
          chosen={audience.country}
          onChange={(country) => set({ country })}
        />
      ) : null}
      <label className="field">
        Strategic partners
        <select
          value={audience.strategic === undefined ? "" : String(audience.strategic)}
          onChange={(e) => set({ strategic: e.target.value === "" ? undefined : e.target.value === "true" })}
        >
          <option value="">Any</option>
          <option value="true">Strategic only</option>
          <option value="false">Non-strategic only</option>
        </select>
      </label>
      <h3 className="pg-subhead">Contacts</h3>
      <CheckGroup
        legend="Role"
        values={options.roles}
        chosen={audience.roles}
        onChange={(roles) => set({ roles })}
      />
      <CheckGroup
        legend="Language"
        values={options.languages}
        chosen={audience.languages}
        onChange={(languages) => set({ languages })}
      />
    </div>
  );
}

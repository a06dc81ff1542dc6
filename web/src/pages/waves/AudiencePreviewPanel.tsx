import { type AudiencePreview, exclusionLabels } from "./wave-model";

const person = (p: { name: string | null; email: string | null; role: string | null }) =>
  [p.name ?? p.email ?? "Unnamed contact", p.role ? p.role.replace(/_/g, " ") : null]
    .filter(Boolean)
    .join(" · ");

/** Who receives the wave, and who does not and why, grouped by reason. */
export function AudiencePreviewPanel({ preview }: { preview: AudiencePreview }) {
  const reasons = Object.entries(preview.excluded_by_reason).sort((a, b) => b[1] - a[1]);
  return (
    <div className="pg-audience">
      <dl className="pg-stats">
        <div>
          <dt>Recipients</dt>
          <dd>{preview.recipients.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Partners reached</dt>
          <dd>{preview.partners.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Excluded</dt>
          <dd>{preview.excluded.toLocaleString("en")}</dd>
        </div>
      </dl>
      {reasons.length > 0 ? (
        <>
          <h4>Excluded, by reason</h4>
          <ul className="pg-plain-list">
            {reasons.map(([reason, count]) => {
              const people = preview.exclusions.filter((e) => e.reason === reason);
              return (
                <li key={reason}>
                  <details className="pg-details">
                    <summary>
                      {exclusionLabels[reason] ?? reason}: <strong>{count}</strong>
                    </summary>
                    <div className="table-scroll pg-scroll-limited">
                      <table className="data-table is-dense">
                        <caption className="visually-hidden">
                          Contacts excluded: {exclusionLabels[reason] ?? reason}
                        </caption>
                        <thead>
                          <tr>
                            <th scope="col">Partner</th>
                            <th scope="col">Contact</th>
                            <th scope="col">Why</th>
                          </tr>
                        </thead>
                        <tbody>
                          {people.map((p) => (
                            <tr key={p.contact_id}>
                              <td>{p.partner}</td>
                              <td>{person(p)}</td>
                              <td>{p.explanation}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </details>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {preview.included.length > 0 ? (
        <details className="pg-details">
          <summary>Recipients: {preview.recipients.toLocaleString("en")}</summary>
          <div className="table-scroll pg-scroll-limited">
            <table className="data-table is-dense">
              <caption className="visually-hidden">Contacts who receive the wave</caption>
              <thead>
                <tr>
                  <th scope="col">Partner</th>
                  <th scope="col">Tier</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Email</th>
                </tr>
              </thead>
              <tbody>
                {preview.included.map((p) => (
                  <tr key={p.contact_id}>
                    <td>{p.partner}</td>
                    <td>{p.tier ?? "—"}</td>
                    <td>{person(p)}</td>
                    <td>{p.email}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : (
        <p className="field-hint">Nobody would receive this wave with these filters.</p>
      )}
    </div>
  );
}

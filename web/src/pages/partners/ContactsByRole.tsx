import type { Scorecard } from "../../api/types";
import { DataTable } from "../../components/DataTable";
import { CATEGORY_COLORS, formatDate, humanize } from "../../format";

type Row = Scorecard["contacts"][number]["contacts"][number] & { role: string | null };

const COLOR_BY_CATEGORY: Record<string, string> = {
  promoter: CATEGORY_COLORS.promoters,
  passive: "#525a66",
  detractor: CATEGORY_COLORS.detractors,
};

/** Who at the partner was heard: contacts grouped by role, each with their latest score. */
export function ContactsByRole({ groups }: { groups: Scorecard["contacts"] }) {
  const rows: Row[] = groups.flatMap((group) =>
    group.contacts.map((contact) => ({ ...contact, role: group.role })),
  );
  return (
    <section className="card" aria-labelledby="contacts-title">
      <h2 id="contacts-title" className="card-title">
        Contacts by role
      </h2>
      <DataTable
        caption="Contacts by role with their latest score"
        captionHidden
        dense
        rows={rows}
        rowKey={(r) => r.contactId}
        empty="No contacts recorded."
        initialSort={{ key: "role", direction: "ascending" }}
        columns={[
          { key: "role", header: "Role", cell: (r) => humanize(r.role), sortValue: (r) => r.role },
          {
            key: "name",
            header: "Contact",
            cell: (r) => r.name ?? <span className="muted">Unnamed</span>,
            sortValue: (r) => r.name,
          },
          {
            key: "score",
            header: "Latest score",
            align: "right",
            sortValue: (r) => r.latest?.score ?? null,
            cell: (r) =>
              r.latest ? (
                <span
                  className="score-chip"
                  style={{ color: COLOR_BY_CATEGORY[r.latest.category] ?? "inherit" }}
                >
                  {r.latest.score}
                  <span className="cell-sub"> {r.latest.category}</span>
                </span>
              ) : (
                <span className="muted">No answer</span>
              ),
          },
          {
            key: "date",
            header: "Answered",
            align: "right",
            sortValue: (r) => r.latest?.respondedAt ?? null,
            cell: (r) => formatDate(r.latest?.respondedAt),
            priority: "low",
          },
        ]}
      />
    </section>
  );
}

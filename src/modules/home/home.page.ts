import { html, SafeHtml } from "../../http/html.js";
import type { OrganizationSummary } from "./home.service.js";

const styles = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2430;background:#f6f7fb}
body{margin:0}header{background:#1d3557;color:#fff;padding:1rem 1.5rem}header h1{margin:0;font-size:1.25rem}
main{max-width:64rem;margin:0 auto;padding:1.5rem}section{background:#fff;border-radius:.5rem;padding:1rem 1.25rem;margin-bottom:1rem;box-shadow:0 1px 2px #0001}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem}.kpi{border:1px solid #e3e6ef;border-radius:.5rem;padding:.75rem}
.kpi b{display:block;font-size:1.6rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #eceef4}
button{background:#1d3557;color:#fff;border:0;border-radius:.375rem;padding:.6rem 1rem;font-size:1rem;cursor:pointer}button:focus{outline:3px solid #f4a261}
code{background:#eef1f7;padding:.1rem .3rem;border-radius:.25rem}.muted{color:#5a6275}`;

// Our own constant CSS: escaping it would turn "Segoe UI" into &quot;, which <style> does not decode.
const stylesheet = new SafeHtml(styles);

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>${stylesheet}</style></head><body><header><h1>Partner NPS</h1></header><main>${body}</main></body></html>`.toString();
}

export function renderFirstRun(): string {
  return layout(
    "Partner NPS — get started",
    html`<section><h2>Welcome</h2>
<p>No organization exists in this database yet. Create a realistic demo partner program (about 400 partners,
1,500 contacts and 12 quarterly survey waves) to explore the product, or import your own partners and responses with the CLI.</p>
<form method="post" action="/setup/demo"><label>Seed <input name="seed" type="number" value="1" min="1" max="1000000"></label>
<button type="submit">Create the demo organization</button></form>
<p class="muted">Import your own data: <code>npx partner-nps import partners partners.csv --map name=Company,tier=Tier</code></p></section>`,
  );
}

function npsOf(summary: OrganizationSummary): string {
  if (summary.responses === 0) return "–";
  return String(Math.round((100 * (summary.promoters - summary.detractors)) / summary.responses));
}

export function renderHome(summaries: OrganizationSummary[]): string {
  return layout(
    "Partner NPS",
    html`${summaries.map(
      (s) => html`<section><h2>${s.organization.name}</h2>
<div class="kpis"><div class="kpi">Partners<b>${s.partners}</b></div><div class="kpi">Contacts<b>${s.contacts}</b></div>
<div class="kpi">Responses<b>${s.responses}</b></div><div class="kpi">NPS (all responses)<b>${npsOf(s)}</b></div></div>
<h3>Most-answering partners</h3>
${
  s.topPartners.length
    ? html`<table><thead><tr><th scope="col">Partner</th><th scope="col">Tier</th><th scope="col">Region</th><th scope="col">Responses</th></tr></thead><tbody>
${s.topPartners.map((p) => html`<tr><td>${p.name}</td><td>${p.tier ?? "–"}</td><td>${p.region ?? "–"}</td><td>${p.responses}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">No responses yet.</p>`
}
<h3>Import history</h3>
${
  s.imports.length
    ? html`<table><thead><tr><th scope="col">When</th><th scope="col">Kind</th><th scope="col">File</th><th scope="col">Accepted</th><th scope="col">New</th><th scope="col">Rejected</th></tr></thead><tbody>
${s.imports.map((i) => html`<tr><td>${i.created_at.slice(0, 16).replace("T", " ")}</td><td>${i.kind}</td><td>${i.file_name}</td><td>${i.accepted}</td><td>${i.inserted}</td><td>${i.rejected}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">No imports yet.</p>`
}</section>`,
    )}`,
  );
}

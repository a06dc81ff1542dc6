import { createHash } from "node:crypto";
import { languageNames, translator } from "../../core/i18n/index.js";
import type { SurveyLanguage } from "../../core/survey/questions.js";
import { html, SafeHtml } from "../../http/html.js";

/**
 * The one stylesheet, inline so a page is a single request. Mobile first: the 0–10 scale is two rows of
 * large targets on a phone and one row from 36rem. Colours meet WCAG AA (text ≥ 4.5:1, borders ≥ 3:1).
 */
const STYLESHEET = [
  "*{box-sizing:border-box}",
  'body{margin:0;background:#f3f4f6;color:#1f2328;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}',
  "header,main,footer{max-width:44rem;margin:0 auto;padding:.75rem 1rem}",
  "main{background:#fff;padding:1rem 1rem 1.5rem}",
  "@media(min-width:36rem){main{padding:1.5rem 2rem 2rem;border-radius:.5rem}}",
  "h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 1rem}h2{font-size:1.125rem;margin:0 0 .5rem}",
  "a{color:#1a4fb5}:focus-visible{outline:3px solid #1a4fb5;outline-offset:2px}",
  "nav ul{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:.25rem 1rem;margin:0;padding:0;list-style:none}",
  "nav a{display:inline-block;padding:.5rem .25rem}",
  "fieldset{border:0;margin:0 0 1.75rem;padding:0;min-width:0}.field{margin:0 0 1.75rem}",
  "legend{font-weight:600;padding:0;margin-bottom:.5rem}",
  "fieldset fieldset{margin-bottom:1.25rem}fieldset fieldset legend{font-weight:500}",
  ".scale,.rating{display:grid;gap:.5rem;grid-template-columns:repeat(6,1fr)}",
  ".rating{grid-template-columns:repeat(5,1fr)}.rating .na{grid-column:1/-1}",
  "@media(min-width:36rem){.scale{grid-template-columns:repeat(11,1fr)}.rating{grid-template-columns:repeat(5,1fr) 3fr}.rating .na{grid-column:auto}}",
  ".opt{position:relative;display:block}",
  ".opt input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}",
  ".opt span{display:flex;align-items:center;justify-content:center;min-height:2.75rem;padding:.25rem;border:1px solid #6b7280;border-radius:.375rem;background:#fff;text-align:center}",
  ".opt input:checked+span{background:#1a3e8c;border:3px solid #0b1f4d;color:#fff;font-weight:700}",
  ".opt input:focus-visible+span{outline:3px solid #1a4fb5;outline-offset:2px}",
  "@media(forced-colors:active){.opt input:checked+span{outline:3px solid Highlight}}",
  ".anchors{display:flex;justify-content:space-between;gap:1rem;margin:.5rem 0 0}",
  ".hint,.anchors,footer{color:#4b5563;font-size:.9375rem}",
  ".choice{display:flex;align-items:center;gap:.75rem;min-height:2.75rem}.choice input{width:1.25rem;height:1.25rem;margin:0}",
  "label{display:block;font-weight:600;margin-bottom:.5rem}.opt,.choice{font-weight:400;margin:0}",
  "textarea{display:block;width:100%;min-height:7rem;padding:.5rem;border:1px solid #6b7280;border-radius:.375rem;font:inherit}",
  "button{width:100%;min-height:3rem;padding:.5rem 1.5rem;border:0;border-radius:.375rem;background:#1a3e8c;color:#fff;font:inherit;font-weight:600;cursor:pointer}",
  "@media(min-width:36rem){button{width:auto}}",
  ".note{background:#eef3fb;border-left:4px solid #1a3e8c;padding:.75rem 1rem}",
  ".error{color:#b3261e;font-weight:600;margin:0 0 .5rem}",
  ".alert{border:2px solid #b3261e;border-radius:.375rem;padding:.75rem 1rem;margin-bottom:1.5rem}.alert ul{margin:0;padding-left:1.25rem}",
].join("");

/** No scripts, no frames, no outside requests: the stylesheet is allowed by its hash alone. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLESHEET).digest("base64")}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Writes a boolean attribute or nothing: `${flag(checked, "checked")}`. */
export function flag(on: boolean, attribute: string): SafeHtml | false {
  return on && new SafeHtml(` ${attribute}`);
}

/** The language links keep the other query parameters (a preselected score survives a switch). */
export interface LanguageSwitch {
  current: SurveyLanguage;
  offered: readonly SurveyLanguage[];
  keep?: Record<string, string>;
}

export interface PageFrame {
  language: SurveyLanguage;
  title: string;
  body: SafeHtml;
  company: string | null;
  languages: LanguageSwitch | null;
}

function languageNav(languages: LanguageSwitch | null): SafeHtml | string {
  const others = languages?.offered.filter((language) => language !== languages.current) ?? [];
  if (!languages || others.length === 0) return "";
  const label = translator(languages.current)("survey.language");
  const links = others.map((language) => {
    const query = new URLSearchParams({ ...languages.keep, lang: language });
    return html`<li><a href="?${query.toString()}" hreflang="${language}" lang="${language}">${languageNames[language]}</a></li>`;
  });
  return html`<header><nav aria-label="${label}"><ul>${links}</ul></nav></header>`;
}

export function renderDocument(frame: PageFrame): string {
  const footer = frame.company
    ? html`<footer><p>${translator(frame.language)("page.footer", { company: frame.company })}</p></footer>`
    : "";
  const title =
    frame.company && !frame.title.includes(frame.company) ? `${frame.title} – ${frame.company}` : frame.title;
  const page = html`<html lang="${frame.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${new SafeHtml(STYLESHEET)}</style></head><body>${languageNav(frame.languages)}<main>${frame.body}</main>${footer}</body></html>`;
  return `<!doctype html>${page.value}`;
}

/** A page that says one thing: thanks, closed, invalid, too many requests, unsubscribed. */
export interface MessagePage {
  language: SurveyLanguage;
  title: string;
  message: string;
  company?: string | null;
  languages?: LanguageSwitch | null;
  /** A link or a form below the message. */
  action?: SafeHtml;
}

export function renderMessagePage(page: MessagePage): string {
  return renderDocument({
    language: page.language,
    title: page.title,
    company: page.company ?? null,
    languages: page.languages ?? null,
    body: html`<h1>${page.title}</h1><p>${page.message}</p>${page.action ?? ""}`,
  });
}

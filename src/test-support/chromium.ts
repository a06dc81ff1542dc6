import fs from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe } from "vitest";
import { config } from "../config.js";

/** The Debian Chromium the end-to-end tests drive (playwright-core brings no browser of its own). */
export const CHROMIUM_PATH = "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM_PATH);
}

/** Browser suites skip only outside CI when Chromium is missing; in CI a missing browser fails the run. */
export function describeWithChromium(name: string, suite: () => void): void {
  (chromiumAvailable() || config.isCi ? describe : describe.skip)(name, suite);
}

/**
 * Headless Chromium with a fresh profile: `launch` gives every browser its own temporary user-data-dir
 * and deletes it on close (Playwright refuses a --user-data-dir argument here).
 */
export function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) throw new Error(`Chromium is not installed at ${CHROMIUM_PATH}`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** The WCAG 2.1 level A and AA rules of axe-core. */
export const WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface AccessibilityViolation {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

let axeSource: string | null = null;

/**
 * Runs axe-core in the page and returns its violations. The page's context needs `bypassCSP: true`,
 * since pages that forbid scripts would refuse the injected axe script.
 */
export async function accessibilityViolations(
  page: Page,
  tags: string[] = WCAG_21_AA_TAGS,
): Promise<AccessibilityViolation[]> {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(
    (values) =>
      (
        window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
      ).axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] }),
    tags,
  );
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}

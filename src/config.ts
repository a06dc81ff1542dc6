import path from "node:path";

/** The only reader of process.env: everything else receives configuration from here. */
export interface Config {
  /** PostgreSQL URL or SQLite file path. */
  databaseUrl: string;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: string;
  smtpUrl: string | null;
  /** Where mails go when no SMTP server is configured, so a newcomer can read them. */
  outboxDir: string;
  /** From address of survey mails (display name: the organization's company name); default surveys@<PUBLIC_URL host>. */
  mailFrom: string | null;
  /** Mails per second one process sends at most (a token bucket shared by its job workers). */
  mailRatePerSecond: number;
  /** Per-address and per-token limits on the public survey pages; only `SURVEY_RATE_LIMITS=off` (benchmarks) disables them. */
  surveyRateLimits: boolean;
  isCi: boolean;
  testDatabaseUrl: string;
}

function readConfig(env: NodeJS.ProcessEnv): Config {
  const host = env.HOST ?? "127.0.0.1";
  const port = Number.parseInt(env.PORT ?? "3000", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number from 0 to 65535, got "${env.PORT}"`);
  }
  const mailRatePerSecond = Number(env.MAIL_RATE_PER_SECOND ?? "20");
  if (!(mailRatePerSecond > 0)) {
    throw new Error(`MAIL_RATE_PER_SECOND must be a number above 0, got "${env.MAIL_RATE_PER_SECOND}"`);
  }
  const surveyRateLimits = env.SURVEY_RATE_LIMITS ?? "on";
  if (surveyRateLimits !== "on" && surveyRateLimits !== "off") {
    throw new Error(`SURVEY_RATE_LIMITS must be "on" or "off", got "${surveyRateLimits}"`);
  }
  return Object.freeze({
    databaseUrl: env.DATABASE_URL ?? path.join("data", "partner-nps.db"),
    host,
    port,
    publicUrl: (env.PUBLIC_URL ?? `http://127.0.0.1:${port}`).replace(/\/+$/, ""),
    logLevel: env.LOG_LEVEL ?? "info",
    smtpUrl: env.SMTP_URL ?? null,
    outboxDir: env.OUTBOX_DIR ?? path.join("data", "outbox"),
    mailFrom: env.MAIL_FROM ?? null,
    mailRatePerSecond,
    surveyRateLimits: surveyRateLimits === "on",
    isCi: env.CI === "true" || env.CI === "1",
    testDatabaseUrl: env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
  });
}

export const config: Config = readConfig(process.env);

import pino, { type Logger } from "pino";

/** Structured JSON logs; credentials and cookies are redacted wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        "*.password",
        "*.password_hash",
        "*.token",
        "*.smtpUrl",
        "*.databaseUrl",
      ],
      censor: "[redacted]",
    },
  });
}

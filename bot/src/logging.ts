// Structured logs (pino): JSON lines in production, readable lines in development.
// Tokens, secrets and connection strings are redacted wherever they appear in a logged object.
import { createRequire } from "node:module";
import { pino, type Logger } from "pino";

export type { Logger };

const REDACT = [
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "*.token",
  "*.accessToken",
  "*.password",
  "*.secret",
  "*.connectionString",
  "BOT_PASSWORD",
  "AZURE_STORAGE_CONNECTION_STRING",
  "config.BOT_PASSWORD",
  "config.AZURE_STORAGE_CONNECTION_STRING",
];

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** Where to write; tests pass a stream to capture and inspect the log. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = { level: options.level, redact: { paths: REDACT, censor: "[redacted]" } };
  if (options.pretty && !options.destination && prettyFormatterInstalled()) {
    return pino({
      ...base,
      transport: {
        target: "pino-pretty",
        options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" },
      },
    });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

/**
 * pino-pretty is a development dependency: a production install (`npm ci --omit=dev`) has none, and
 * then the logs stay JSON lines rather than the process failing at start for a formatter.
 */
function prettyFormatterInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve("pino-pretty");
    return true;
  } catch {
    return false;
  }
}

/** Hides secrets that sit inside free text (an error message quoting a URL or a header). */
export function scrub(text: string): string {
  return text
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1[redacted]")
    .replace(/(AccountKey=)[^;]+/gi, "$1[redacted]")
    .replace(/(sig=)[^&\s]+/gi, "$1[redacted]")
    .replace(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*/g, "[redacted-jwt]");
}

// Structured logs: one JSON object per line, so any collector (Loki, Cloud Logging, `jq`) can parse them
// without a format definition. Secrets are redacted here, at the single exit point, rather than trusting
// every call site to remember.

export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (e.g. `{ controller: "session" }`). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go; defaults to stdout. Tests pass a collecting function. */
  write?: (line: string) => void;
  fields?: LogFields;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export const REDACTED = "[REDACTED]";

// Matched against the key with case and separators removed, by suffix, so `gitToken`, `client_secret` and
// `X-Auth-Password` are caught while `secretRef` (a reference, useful when debugging) and `tokenCount` are not.
const SECRET_KEY_SUFFIXES = [
  "token",
  "password",
  "passwd",
  "passphrase",
  "secret",
  "authorization",
  "apikey",
  "privatekey",
  "credentials",
  "cookie",
];

function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_.\s]/g, "");
  return SECRET_KEY_SUFFIXES.some((s) => k.endsWith(s));
}

// Secrets also travel inside strings: a repository URL with credentials, an Authorization header echoed
// in an error message.
function redactString(s: string): string {
  return s
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]*:[^/\s@]*@/gi, `$1${REDACTED}@`)
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`);
}

/** Deep copy of `value` that is safe to print. Exported so other outputs (status messages) can reuse it. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) {
    const out: LogFields = { name: value.name, message: redactString(value.message) };
    if (value.stack) out.stack = redactString(value.stack);
    const status =
      (value as { statusCode?: unknown; code?: unknown }).statusCode ?? (value as { code?: unknown }).code;
    if (status !== undefined) out.code = status;
    return out;
  }
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen));
  const obj = value as Record<string, unknown>;
  // A Kubernetes Secret's payload is under innocuous keys.
  const isSecretObject = obj.kind === "Secret";
  const out: LogFields = {};
  for (const [k, v] of Object.entries(obj)) {
    if (isSecretKey(k) || (isSecretObject && (k === "data" || k === "stringData"))) {
      out[k] = REDACTED;
    } else {
      out[k] = redact(v, seen);
    }
  }
  return out;
}

function parseLevel(s: string | undefined): LogLevel | undefined {
  return s && s in LEVELS ? (s as LogLevel) : undefined;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const level = opts.level ?? parseLevel(process.env.LOG_LEVEL) ?? "info";
  const min = LEVELS[level];
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const base = opts.fields ?? {};

  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (LEVELS[lvl] < min) return;
    const line: LogFields = { time: new Date().toISOString(), level: lvl, msg: redactString(msg) };
    // A field named `msg` or `level` must not forge the fixed keys.
    for (const [k, v] of Object.entries(redact({ ...base, ...fields }) as LogFields)) {
      if (!(k in line)) line[k] = v;
    }
    write(JSON.stringify(line));
  };

  return {
    debug: (msg, fields) => emit("debug", msg, fields),
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, fields) => emit("error", msg, fields),
    child: (fields) => createLogger({ level, write, fields: { ...base, ...fields } }),
  };
}

/** Drops everything; for library users that do not want output. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

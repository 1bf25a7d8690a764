/** Structured logs, one JSON object a line on stderr (what Supabase's function logs collect). */
type Level = "debug" | "info" | "warn" | "error";

/**
 * What a secret looks like: provider keys (OpenAI `sk-…`, Stripe `sk_live_…`/`rk_test_…`/`whsec_…`,
 * Google `AIza…`, Replicate `r8_…`), bearer tokens, JWTs and `key=` query parameters. Upstream
 * error messages echo such things back, so every logged string is scrubbed of them. (The local
 * platform's password-recovery link stays readable: its token is a hash, and the log is its mail.)
 */
const secretPatterns: [RegExp, string][] = [
  [/\b(Bearer\s+)[^\s"',;]+/gi, "$1[redacted]"],
  [/([?&](?:key|api_?key)=)[^&#\s"']+/gi, "$1[redacted]"],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, "[redacted]"],
  [/\bsk-[\w-]{8,}/g, "[redacted]"],
  [/\b(?:sk|rk)_(?:live|test)_\w+/g, "[redacted]"],
  [/\bwhsec_\w+/g, "[redacted]"],
  [/\bAIza[\w-]{20,}/g, "[redacted]"],
  [/\br8_\w{8,}/g, "[redacted]"],
];

function redactSecrets(text: string): string {
  return secretPatterns.reduce(
    (redacted, [pattern, replacement]) => redacted.replace(pattern, replacement),
    text,
  );
}

function write(level: Level, message: string, fields: Record<string, unknown>) {
  const line = JSON.stringify(
    { level, time: new Date().toISOString(), message, ...fields },
    (_key, value) => typeof value === "string" ? redactSecrets(value) : value,
  );
  if (level === "error" || level === "warn") console.error(line);
  else console.info(line);
}

export const log = {
  debug: (message: string, fields: Record<string, unknown> = {}) => write("debug", message, fields),
  info: (message: string, fields: Record<string, unknown> = {}) => write("info", message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write("warn", message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write("error", message, fields),
};

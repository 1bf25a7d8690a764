/**
 * Google APIs answer errors as { error: { code, message, status, details[] } }. Two quirks
 * matter: a bad API key is a 400 (reason API_KEY_INVALID), and a 429 carries its wait in a
 * RetryInfo detail rather than a Retry-After header.
 */
import { isRecord } from "./adapter.ts";
import { failureFromStatus, type ProviderFailure } from "./provider-errors.ts";

const AUTH_REASONS = new Set(["API_KEY_INVALID", "API_KEY_SERVICE_BLOCKED", "SERVICE_DISABLED"]);
const AUTH_STATUSES = new Set(["UNAUTHENTICATED", "PERMISSION_DENIED"]);
// Imagen refused sensitive prompts with a 400 whose message cites Responsible AI practices.
const REFUSAL_MESSAGE = /responsible ai|sensitive words|safety (filter|polic)|blocked for safety/i;

/** "1.5s" → 1500. */
function durationMs(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

export function classifyGoogleFailure(status: number, body: unknown): ProviderFailure {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const message = typeof error.message === "string" ? error.message : undefined;
  const googleStatus = typeof error.status === "string" ? error.status : undefined;
  const details = Array.isArray(error.details) ? error.details.filter(isRecord) : [];
  const reasons = details.map((detail) => detail.reason).filter((reason) => typeof reason === "string");
  if (
    reasons.some((reason) => AUTH_REASONS.has(reason as string)) ||
    (googleStatus && AUTH_STATUSES.has(googleStatus))
  ) {
    return { kind: "auth", status, code: googleStatus };
  }
  if (status === 400 && REFUSAL_MESSAGE.test(message ?? "")) {
    return { kind: "content-policy", status, message, code: googleStatus };
  }
  const failure = failureFromStatus(status, message, googleStatus);
  const retryInfo = details.find((detail) => String(detail["@type"] ?? "").endsWith("google.rpc.RetryInfo"));
  return retryInfo ? { ...failure, retryAfterMs: durationMs(retryInfo.retryDelay) } : failure;
}

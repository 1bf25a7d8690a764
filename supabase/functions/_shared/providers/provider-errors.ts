/**
 * Provider failures in the project's error shape (DESIGN.md §9). A provider's own words reach
 * the client only where they help the user (a refusal, a rejected parameter), and never
 * with anything that looks like a credential in them.
 */
import { ApiError } from "../http/errors.ts";
import { PROVIDERS } from "./provider-config.ts";
import type { ProviderName } from "./types.ts";

export type FailureKind =
  | "content-policy"
  | "auth"
  | "rate-limit"
  | "quota"
  | "invalid-request"
  | "unavailable";

export interface ProviderFailure {
  kind: FailureKind;
  status: number;
  message?: string;
  code?: string;
  /** A wait the provider asked for in its body (Google's RetryInfo); Retry-After headers are read separately. */
  retryAfterMs?: number;
}

/** Returned by an adapter's classifier for statuses it has nothing special to say about. */
export function failureFromStatus(status: number, message?: string, code?: string): ProviderFailure {
  const kind: FailureKind = status === 401 || status === 403
    ? "auth"
    : status === 429
    ? "rate-limit"
    : status >= 400 && status < 500
    ? "invalid-request"
    : "unavailable";
  return { kind, status, message, code };
}

export function isRetryable(failure: ProviderFailure): boolean {
  return failure.kind === "rate-limit" || failure.kind === "unavailable";
}

const CREDENTIAL_PATTERNS = [
  /\bsk-[A-Za-z0-9_*-]{6,}/g,
  /\br8_[A-Za-z0-9]{6,}/g,
  /\bAIza[0-9A-Za-z_-]{10,}/g,
  /\bBearer\s+\S+/gi,
];

export function redact(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join("[redacted]");
  for (const pattern of CREDENTIAL_PATTERNS) clean = clean.replace(pattern, "[redacted]");
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

export interface FailureContext {
  provider: ProviderName;
  model: string;
  secrets: readonly string[];
  /** Seconds our client should wait, for a rate limit we gave up waiting out. */
  retryAfterSeconds?: number;
}

export function providerFailureError(failure: ProviderFailure, context: FailureContext): ApiError {
  const { label, keyEnv } = PROVIDERS[context.provider];
  const details: Record<string, unknown> = {
    provider: context.provider,
    model: context.model,
    status: failure.status,
  };
  if (failure.code) details.providerCode = failure.code;
  const providerMessage = failure.message ? redact(failure.message, context.secrets) : undefined;
  switch (failure.kind) {
    case "content-policy":
      return new ApiError(
        400,
        "CONTENT_POLICY",
        `${label} refused this request under its content policy. Change the prompt or reference image and try again.`,
        { ...details, providerMessage },
      );
    case "auth":
      // Only the status: a provider's auth message may quote part of the key.
      return new ApiError(
        502,
        "PROVIDER_ERROR",
        `${label} rejected this server's credentials (HTTP ${failure.status}); an operator must check ${keyEnv}.`,
        details,
      );
    case "rate-limit": {
      const seconds = context.retryAfterSeconds ?? 30;
      return new ApiError(
        429,
        "RATE_LIMITED",
        `${label} is rate limiting image generation. Try again in ${seconds} s.`,
        { ...details, retryAfterSeconds: seconds },
        { "Retry-After": String(seconds) },
      );
    }
    case "quota":
      return new ApiError(
        502,
        "PROVIDER_ERROR",
        `${label} refused the request: this server's account has no quota left.`,
        { ...details, providerMessage },
      );
    case "invalid-request":
      return new ApiError(
        502,
        "PROVIDER_ERROR",
        `${label} rejected the request (HTTP ${failure.status})${
          providerMessage ? `: ${providerMessage}` : "."
        }`,
        { ...details, providerMessage },
      );
    case "unavailable":
      return new ApiError(
        502,
        "PROVIDER_ERROR",
        failure.status
          ? `${label} failed to generate the image (HTTP ${failure.status}). Try again later.`
          : `${label} could not be reached. Try again later.`,
        { ...details, providerMessage },
      );
  }
}

export function providerTimeoutError(provider: ProviderName, model: string, timeoutMs: number): ApiError {
  return new ApiError(
    504,
    "PROVIDER_TIMEOUT",
    `${PROVIDERS[provider].label} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    { provider, model, timeoutMs },
  );
}

/** A well-formed answer that holds no usable image. */
export function providerBadResponseError(provider: ProviderName, model: string, problem: string): ApiError {
  return new ApiError(
    502,
    "PROVIDER_ERROR",
    `${PROVIDERS[provider].label} returned no usable image: ${problem}.`,
    {
      provider,
      model,
    },
  );
}

import { FunctionCallError, RateLimitedError } from "@/lib/function-errors";

const maxAutomaticRetries = 2;
const maxRetryDelayMs = 30_000;

/** TanStack Query `retry`: try again on its own only when the failure may pass (network, 5xx, 429). */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  if (failureCount >= maxAutomaticRetries) return false;
  return error instanceof FunctionCallError ? error.retryable : false;
}

/** TanStack Query `retryDelay`: honour Retry-After, otherwise back off exponentially. */
export function queryRetryDelay(failureCount: number, error: unknown): number {
  if (error instanceof RateLimitedError && error.retryAfterSeconds !== null) {
    return Math.min(error.retryAfterSeconds * 1000, maxRetryDelayMs);
  }
  return Math.min(1000 * 2 ** failureCount, maxRetryDelayMs);
}

/**
 * HTTP to a provider with a timeout per attempt, retries with exponential backoff and jitter
 * that honour Retry-After, and failures turned into ApiErrors.
 */
import { ApiError } from "../http/errors.ts";
import { log } from "../log.ts";
import {
  type FailureContext,
  failureFromStatus,
  isRetryable,
  providerBadResponseError,
  type ProviderFailure,
  providerFailureError,
  providerTimeoutError,
} from "./provider-errors.ts";
import type { FetchFn, ProviderName } from "./types.ts";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A provider asking for a longer wait than this gets no retry: the client is told to come back. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 20_000,
};

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Reads an error body into a failure; an adapter refines the status-based default. */
export type FailureClassifier = (status: number, body: unknown) => ProviderFailure;

export interface ProviderHttpOptions {
  provider: ProviderName;
  model: string;
  fetch: FetchFn;
  timeoutMs: number;
  retry: RetryPolicy;
  classify: FailureClassifier;
  /** Values to scrub from any provider text that reaches a client. */
  secrets: readonly string[];
  sleep: Sleep;
  random: () => number;
  now: () => number;
}

export interface SendOptions<T> {
  /**
   * False for calls that start paid work (creating an image): those are not retried after a
   * timeout, since the provider may still be generating and would bill twice.
   */
  idempotent: boolean;
  signal: AbortSignal;
  /** Reads the successful response; runs inside the attempt's timeout. */
  read: (response: Response) => Promise<T>;
}

/** Milliseconds to wait from a Retry-After header (delta-seconds or an HTTP date). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

class AttemptTimeout extends Error {}

async function parseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class ProviderHttp {
  constructor(readonly options: ProviderHttpOptions) {}

  #context(retryAfterMs?: number): FailureContext {
    return {
      provider: this.options.provider,
      model: this.options.model,
      secrets: this.options.secrets,
      retryAfterSeconds: retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(retryAfterMs / 1000)),
    };
  }

  /** The error for a refusal or failure found in a successful (2xx) answer. */
  fail(failure: ProviderFailure): ApiError {
    return providerFailureError(failure, this.#context());
  }

  badResponse(problem: string): ApiError {
    return providerBadResponseError(this.options.provider, this.options.model, problem);
  }

  /** The wait before attempt `attempt + 1`, or undefined to give up now. */
  #delayBefore(attempt: number, askedMs: number | undefined): number | undefined {
    const { retry, random } = this.options;
    if (askedMs !== undefined) {
      return askedMs > retry.maxRetryAfterMs ? undefined : askedMs + random() * Math.min(1000, askedMs * 0.1);
    }
    // Equal jitter: at least half the exponential step, so retries never bunch up at zero.
    const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    return step / 2 + random() * (step / 2);
  }

  async request<T>(url: string, init: RequestInit, send: SendOptions<T>): Promise<T> {
    const { provider, model, timeoutMs, retry } = this.options;
    for (let attempt = 1;; attempt++) {
      const outcome = await this.#attempt(url, init, send);
      if (outcome.ok) return outcome.value;
      const { failure, headers } = outcome;
      const timedOut = failure === "timeout";
      const askedMs = timedOut
        ? undefined
        : parseRetryAfter(headers?.get("retry-after") ?? null, this.options.now()) ?? failure.retryAfterMs;
      const canRetry = attempt < retry.maxAttempts && (timedOut ? send.idempotent : isRetryable(failure));
      const delay = canRetry ? this.#delayBefore(attempt, askedMs) : undefined;
      if (delay === undefined) {
        if (timedOut) throw providerTimeoutError(provider, model, timeoutMs);
        throw providerFailureError(failure, this.#context(askedMs));
      }
      log.warn("image provider call failed; retrying", {
        provider,
        model,
        attempt,
        failure: timedOut ? "timeout" : `${failure.kind} ${failure.status}`,
        delayMs: Math.round(delay),
      });
      await this.options.sleep(delay, send.signal);
    }
  }

  async #attempt<T>(
    url: string,
    init: RequestInit,
    send: SendOptions<T>,
  ): Promise<
    { ok: true; value: T } | { ok: false; failure: ProviderFailure | "timeout"; headers?: Headers }
  > {
    send.signal.throwIfAborted();
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(send.signal.reason);
    send.signal.addEventListener("abort", onCallerAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), this.options.timeoutMs);
    try {
      const response = await this.options.fetch(url, { ...init, signal: controller.signal });
      if (response.ok) return { ok: true, value: await send.read(response) };
      const body = await parseBody(response);
      return { ok: false, failure: this.options.classify(response.status, body), headers: response.headers };
    } catch (error) {
      if (send.signal.aborted) throw send.signal.reason;
      if (controller.signal.reason instanceof AttemptTimeout) return { ok: false, failure: "timeout" };
      if (error instanceof ApiError) throw error;
      if (error instanceof SyntaxError) throw this.badResponse("malformed JSON");
      // fetch's network failures (refused, reset, DNS) carry no status.
      if (error instanceof TypeError) return { ok: false, failure: failureFromStatus(0, error.message) };
      throw error;
    } finally {
      clearTimeout(timer);
      send.signal.removeEventListener("abort", onCallerAbort);
    }
  }
}

import { createClient } from "@supabase/supabase-js";
import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { createFunctionClient, queryString } from "@/lib/function-client";
import {
  ConflictError,
  ForbiddenError,
  type FunctionHttpError,
  NetworkError,
  NotFoundError,
  parseRetryAfter,
  PayloadTooLargeError,
  PaymentRequiredError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  UnexpectedResponseError,
  ValidationError,
} from "@/lib/function-errors";

const projectUrl = "http://127.0.0.1:54321";
const greetingSchema = z.object({ greeting: z.string() });

let clientCount = 0;

/** A real supabase-js client whose network is `respond`, so the whole invoke path runs. */
function clientAnswering(respond: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return respond(request);
  });
  const supabase = createClient(projectUrl, "anon-key", {
    auth: {
      persistSession: false,
      autoRefreshToken: false,
      detectSessionInUrl: false,
      storageKey: `function-client-test-${++clientCount}`,
    },
    global: { fetch: fetchStub },
  });
  return { invokeFunction: createFunctionClient(supabase.functions), requests };
}

function errorResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("invokeFunction", () => {
  it("sends method, query and JSON body to /functions/v1/<name> and returns the parsed answer", async () => {
    const { invokeFunction, requests } = clientAnswering(() => Response.json({ greeting: "hi", extra: 1 }));

    const data = await invokeFunction({
      name: "account",
      method: "PATCH",
      query: { limit: 20, cursor: null },
      body: { displayName: "Ada" },
      schema: greetingSchema,
    });

    expect(data).toEqual({ greeting: "hi" });
    const [request] = requests;
    expect(request?.method).toBe("PATCH");
    expect(request?.url).toBe(`${projectUrl}/functions/v1/account?limit=20`);
    expect(request?.headers.get("apikey")).toBe("anon-key");
    expect(await request?.json()).toEqual({ displayName: "Ada" });
  });

  it("rejects an answer that does not match the schema", async () => {
    const { invokeFunction } = clientAnswering(() => Response.json({ greeting: 42 }));

    const error = await failureOf(invokeFunction({ name: "account", method: "GET", schema: greetingSchema }));

    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).retryable).toBe(false);
  });

  it.each(
    [
      [400, "VALIDATION_ERROR", ValidationError, false],
      [401, "UNAUTHORIZED", UnauthorizedError, false],
      [402, "INSUFFICIENT_CREDITS", PaymentRequiredError, false],
      [403, "FORBIDDEN", ForbiddenError, false],
      [404, "NOT_FOUND", NotFoundError, false],
      [409, "CONFLICT", ConflictError, false],
      [413, "PAYLOAD_TOO_LARGE", PayloadTooLargeError, false],
      [500, "INTERNAL_ERROR", ServerError, true],
      [502, "PROVIDER_ERROR", ServerError, true],
      [504, "PROVIDER_TIMEOUT", ServerError, true],
    ] as const,
  )("turns HTTP %i %s into %o", async (status, code, ErrorClass, retryable) => {
    const { invokeFunction } = clientAnswering(() =>
      errorResponse(status, { error: `message for ${code}`, code, details: { reason: "test" } })
    );

    const error = await failureOf(invokeFunction({ name: "account", schema: greetingSchema }));

    expect(error).toBeInstanceOf(ErrorClass);
    const httpError = error as FunctionHttpError;
    expect(httpError.status).toBe(status);
    expect(httpError.code).toBe(code);
    expect(httpError.message).toBe(`message for ${code}`);
    expect(httpError.details).toEqual({ reason: "test" });
    expect(httpError.functionName).toBe("account");
    expect(httpError.retryable).toBe(retryable);
  });

  it("reads Retry-After from a 429", async () => {
    const { invokeFunction } = clientAnswering(() =>
      errorResponse(429, { error: "Slow down.", code: "RATE_LIMITED", details: {} }, { "retry-after": "12" })
    );

    const error = await failureOf(invokeFunction({ name: "generate", schema: greetingSchema }));

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(12);
    expect((error as RateLimitedError).retryable).toBe(true);
  });

  it("exposes per-field messages of a validation error", async () => {
    const { invokeFunction } = clientAnswering(() =>
      errorResponse(400, {
        error: "Check the highlighted fields.",
        code: "VALIDATION_ERROR",
        details: { fields: { displayName: "Use at most 80 characters.", ignored: 3 } },
      })
    );

    const error = await failureOf(invokeFunction({ name: "account", schema: greetingSchema }));

    expect((error as ValidationError).fieldErrors).toEqual({ displayName: "Use at most 80 characters." });
  });

  it("falls back to the status when the body is not the error shape", async () => {
    const { invokeFunction } = clientAnswering(() =>
      new Response("<html>Bad gateway</html>", { status: 502 })
    );

    const error = await failureOf(invokeFunction({ name: "account", schema: greetingSchema }));

    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).code).toBe("INTERNAL_ERROR");
    expect((error as ServerError).message).toMatch(/try again/i);
  });

  it("reports a request that got no answer as a retryable NetworkError", async () => {
    const { invokeFunction } = clientAnswering(() => {
      throw new TypeError("Failed to fetch");
    });

    const error = await failureOf(invokeFunction({ name: "account", schema: greetingSchema }));

    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).retryable).toBe(true);
  });
});

describe("queryString", () => {
  it("encodes values and leaves out null and undefined", () => {
    expect(queryString({ cursor: "a b&c", limit: 20, after: undefined, before: null })).toBe(
      "?cursor=a+b%26c&limit=20",
    );
    expect(queryString({})).toBe("");
    expect(queryString(undefined)).toBe("");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates, and ignores what it cannot read", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

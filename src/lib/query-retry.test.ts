import { describe, expect, it } from "vitest";
import {
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
} from "@/lib/function-errors";
import { queryRetryDelay, shouldRetryQuery } from "@/lib/query-retry";

const serverError = new ServerError("account", 503, "INTERNAL_ERROR", "down");
const rateLimited = (seconds: number | null) =>
  new RateLimitedError("account", "RATE_LIMITED", "slow", {}, seconds);

describe("shouldRetryQuery", () => {
  it("retries failures that may pass, at most twice", () => {
    expect(shouldRetryQuery(0, serverError)).toBe(true);
    expect(shouldRetryQuery(1, new NetworkError("account"))).toBe(true);
    expect(shouldRetryQuery(1, rateLimited(1))).toBe(true);
    expect(shouldRetryQuery(2, serverError)).toBe(false);
  });

  it("does not retry what will fail the same way again", () => {
    expect(shouldRetryQuery(0, new UnauthorizedError("account", 401, "UNAUTHORIZED", "no"))).toBe(false);
    expect(shouldRetryQuery(0, new NotFoundError("account", 404, "NOT_FOUND", "no"))).toBe(false);
    expect(shouldRetryQuery(0, new Error("a bug"))).toBe(false);
  });
});

describe("queryRetryDelay", () => {
  it("waits as long as Retry-After says, capped at 30 s", () => {
    expect(queryRetryDelay(0, rateLimited(4))).toBe(4000);
    expect(queryRetryDelay(0, rateLimited(600))).toBe(30_000);
  });

  it("backs off exponentially otherwise", () => {
    expect(queryRetryDelay(0, serverError)).toBe(1000);
    expect(queryRetryDelay(2, rateLimited(null))).toBe(4000);
  });
});

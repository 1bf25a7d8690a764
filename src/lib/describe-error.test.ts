import { describe, expect, it } from "vitest";
import { describeError } from "@/lib/describe-error";
import {
  NetworkError,
  PaymentRequiredError,
  RateLimitedError,
  ServerError,
  UnauthorizedError,
  ValidationError,
} from "@/lib/function-errors";

describe("describeError", () => {
  it("titles each kind of failure and keeps the function's own message", () => {
    const credits = describeError(
      new PaymentRequiredError(
        "generate",
        402,
        "INSUFFICIENT_CREDITS",
        "This image needs 4 credits; you have 2.",
      ),
    );
    expect(credits).toEqual({
      title: "Not enough credits",
      description: "This image needs 4 credits; you have 2.",
      retryable: false,
    });
    expect(describeError(new ValidationError("account", 400, "VALIDATION_ERROR", "Too long.")).title).toBe(
      "Check what you entered",
    );
    expect(describeError(new UnauthorizedError("account", 401, "UNAUTHORIZED", "Sign in.")).title).toBe(
      "Please sign in again",
    );
  });

  it("offers a retry only where trying again can help", () => {
    expect(describeError(new ServerError("account", 503, "INTERNAL_ERROR", "Down.")).retryable).toBe(true);
    expect(describeError(new NetworkError("account")).retryable).toBe(true);
    expect(describeError(new ValidationError("account", 400, "VALIDATION_ERROR", "No.")).retryable).toBe(
      false,
    );
  });

  it("says how long to wait when rate limited", () => {
    const description = describeError(new RateLimitedError("generate", "RATE_LIMITED", "Slow down.", {}, 20));
    expect(description.title).toBe("Slow down a moment");
    expect(description.description).toBe("Slow down. You can try again in 20 s.");
  });

  it("handles errors that did not come from a function", () => {
    expect(describeError(new Error("Chunk failed"))).toEqual({
      title: "Something went wrong",
      description: "Chunk failed",
      retryable: true,
    });
  });
});

import { AuthApiError, AuthRetryableFetchError, AuthWeakPasswordError } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { authErrorMessage } from "@/features/auth/api/auth-error-message";

describe("authErrorMessage", () => {
  it("explains a wrong email or password without saying which", () => {
    const error = new AuthApiError("Invalid login credentials", 400, "invalid_credentials");
    expect(authErrorMessage(error)).toBe(
      "That email and password don't match an account. Check them and try again.",
    );
  });

  it("points an existing account to sign-in", () => {
    expect(authErrorMessage(new AuthApiError("User already registered", 422, "user_already_exists"))).toMatch(
      /Sign in instead/,
    );
  });

  it("asks for a stronger password", () => {
    expect(authErrorMessage(new AuthWeakPasswordError("weak", 422, ["length"]))).toMatch(/stronger password/);
  });

  it("tells an offline person to check the connection", () => {
    expect(authErrorMessage(new AuthRetryableFetchError("Failed to fetch", 0))).toMatch(
      /couldn't reach Personify/,
    );
  });

  it("says to wait when rate limited, whatever the code", () => {
    expect(authErrorMessage(new AuthApiError("slow down", 429, undefined))).toMatch(/Wait a minute/);
  });

  it("hides server internals behind a friendly sentence", () => {
    expect(authErrorMessage(new AuthApiError("pq: relation does not exist", 500, "unexpected_failure")))
      .toMatch(
        /on our side/,
      );
    expect(authErrorMessage("???")).toMatch(/Something went wrong/);
  });
});

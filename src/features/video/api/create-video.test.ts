import { describe, expect, it } from "vitest";
import { isProviderUnavailable } from "@/features/video/api/create-video";
import { NetworkError, ServerError, ValidationError } from "@/lib/function-errors";

describe("isProviderUnavailable", () => {
  it("recognises the refusal for an unconfigured provider, and a 503", () => {
    const refusal = new ValidationError("image-to-video", 400, "VALIDATION_ERROR", "not here", {
      field: "effect",
      reason: "PROVIDER_NOT_CONFIGURED",
    });
    expect(isProviderUnavailable(refusal)).toBe(true);
    expect(isProviderUnavailable(new ServerError("image-to-video", 503, "PROVIDER_ERROR", "down"))).toBe(
      true,
    );
  });

  it("leaves other failures to be shown and retried as they are", () => {
    const badDuration = new ValidationError("image-to-video", 400, "VALIDATION_ERROR", "duration", {
      field: "duration",
    });
    expect(isProviderUnavailable(badDuration)).toBe(false);
    expect(isProviderUnavailable(new ServerError("image-to-video", 500, "INTERNAL_ERROR", "boom"))).toBe(
      false,
    );
    expect(isProviderUnavailable(new NetworkError("image-to-video"))).toBe(false);
    expect(isProviderUnavailable(new Error("boom"))).toBe(false);
  });
});

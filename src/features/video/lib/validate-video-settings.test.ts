import { describe, expect, it } from "vitest";
import { validateVideoSettings } from "@/features/video/lib/validate-video-settings";
import { defaultVideoSettings } from "@/features/video/lib/video-options";

const valid = { imageId: "6b1c0d3e-0000-4000-8000-000000000001", ...defaultVideoSettings };
const available = { aiMotionUnavailable: null };

describe("validateVideoSettings", () => {
  it("passes complete settings through unchanged", () => {
    expect(validateVideoSettings(valid, available)).toEqual({ settings: valid, errors: {} });
  });

  it("asks for an image first", () => {
    const result = validateVideoSettings({ ...valid, imageId: "" }, available);
    expect(result.settings).toBeUndefined();
    expect(result.errors).toEqual({ imageId: "Choose an image to animate." });
  });

  it("keeps the duration to whole seconds from 1 to 10", () => {
    expect(validateVideoSettings({ ...valid, duration: 1 }, available).settings?.duration).toBe(1);
    expect(validateVideoSettings({ ...valid, duration: 10 }, available).settings?.duration).toBe(10);
    expect(validateVideoSettings({ ...valid, duration: 0 }, available).errors.duration).toBe(
      "A video lasts at least 1 s.",
    );
    expect(validateVideoSettings({ ...valid, duration: 11 }, available).errors.duration).toBe(
      "A video lasts at most 10 s.",
    );
    expect(validateVideoSettings({ ...valid, duration: 2.5 }, available).errors.duration).toBe(
      "The duration is a whole number of seconds.",
    );
  });

  it("refuses an effect or resolution the server doesn't offer", () => {
    expect(validateVideoSettings({ ...valid, effect: "spin" }, available).errors.effect).toBe(
      "Choose an effect.",
    );
    expect(validateVideoSettings({ ...valid, resolution: "4k" }, available).errors.resolution).toBe(
      "Choose a resolution.",
    );
  });

  it("refuses AI motion once the server has said it is unavailable, and only then", () => {
    const aiMotion = { ...valid, effect: "ai-motion" as const };
    expect(validateVideoSettings(aiMotion, available).settings?.effect).toBe("ai-motion");
    expect(validateVideoSettings(aiMotion, { aiMotionUnavailable: "No provider is configured." }).errors)
      .toEqual({
        effect: "AI motion isn't available right now. Choose another effect.",
      });
  });
});

import { describe, expect, it } from "vitest";
import { reuseSettingsUrl } from "@/features/gallery/lib/reuse-settings";

describe("reuseSettingsUrl", () => {
  it("carries the prompt, model, settings and token values to the AI Image page", () => {
    const url = reuseSettingsUrl({
      prompt: "Hi [NAME] & co",
      model: "local-render",
      settings: { style: "photography", size: 512, nested: { no: 1 } },
      tokens: { NAME: "Ada" },
    });
    const [path, query] = url.split("?");
    expect(path).toBe("/features/ai-image");
    const params = new URLSearchParams(query);
    expect(params.get("prompt")).toBe("Hi [NAME] & co");
    expect(params.get("model")).toBe("local-render");
    expect(JSON.parse(params.get("settings") ?? "null")).toEqual({ style: "photography", size: "512" });
    expect(JSON.parse(params.get("tokens") ?? "null")).toEqual({ NAME: "Ada" });
  });

  it("leaves settings and tokens out when there are none", () => {
    expect(reuseSettingsUrl({ prompt: "p", model: "m", settings: null })).toBe(
      "/features/ai-image?prompt=p&model=m",
    );
  });
});

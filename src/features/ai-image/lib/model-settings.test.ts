import { describe, expect, it } from "vitest";
import type { ImageModel } from "@domain/contracts/image-generation";
import {
  choicesForModel,
  chooseSetting,
  creditsForChoices,
  defaultModel,
  orderedSettings,
  settingLabel,
  settingValueLabel,
  sizeFollowsAspectRatio,
} from "@/features/ai-image/lib/model-settings";

function model(overrides: Partial<ImageModel>): ImageModel {
  return {
    id: "local-render",
    label: "Offline render",
    provider: "local",
    available: true,
    retired: false,
    aliases: ["local"],
    supportsReferenceImage: true,
    settings: {},
    ...overrides,
  };
}

const local = model({
  settings: {
    style: { allowed: ["photography", "3d-render"] },
    size: { allowed: ["256", "512"], default: "512" },
    aspectRatio: { allowed: ["1:1", "16:9"], default: "1:1" },
  },
});
const gptImage = model({
  id: "gpt-image-2",
  provider: "openai",
  settings: {
    aspectRatio: { allowed: ["1:1", "3:2"] },
    quality: { allowed: ["low", "high"], default: "medium" },
  },
});

describe("defaultModel", () => {
  it("is the first model the catalog lists that can run here", () => {
    expect(defaultModel([model({ id: "a", available: false }), model({ id: "b" }), model({ id: "c" })])?.id)
      .toBe("b");
    expect(defaultModel([model({ available: false })])).toBeUndefined();
  });
});

describe("orderedSettings", () => {
  it("puts shape before look, whatever order the catalog used", () => {
    expect(orderedSettings(local).map(([name]) => name)).toEqual(["aspectRatio", "size", "style"]);
  });
});

describe("chooseSetting", () => {
  it("keeps a value the model allows", () => {
    expect(chooseSetting({}, local, "aspectRatio", "16:9")).toEqual({ aspectRatio: "16:9" });
  });

  it("forgets the choice when it is the default, empty, or not allowed", () => {
    expect(chooseSetting({ size: "256" }, local, "size", "512")).toEqual({});
    expect(chooseSetting({ style: "photography" }, local, "style", "")).toEqual({});
    expect(chooseSetting({}, local, "aspectRatio", "7:3")).toEqual({});
    expect(chooseSetting({}, local, "quality", "high")).toEqual({});
  });
});

describe("choicesForModel", () => {
  it("keeps only what the new model accepts and does not default to", () => {
    expect(choicesForModel({ aspectRatio: "16:9", style: "photography", size: "256" }, gptImage)).toEqual({});
    expect(choicesForModel({ aspectRatio: "1:1", style: "photography" }, gptImage)).toEqual({
      aspectRatio: "1:1",
    });
    expect(choicesForModel({ aspectRatio: "1:1", style: "photography" }, local)).toEqual({
      style: "photography",
    });
  });
});

describe("labels", () => {
  it("names settings and values in words", () => {
    expect(settingLabel("aspectRatio")).toBe("Aspect ratio");
    expect(settingLabel("newThing")).toBe("New thing");
    expect(settingValueLabel("style", "3d-render")).toBe("3D render");
    expect(settingValueLabel("style", "digital-art")).toBe("Digital art");
    expect(settingValueLabel("outputFormat", "webp")).toBe("WEBP");
    expect(settingValueLabel("size", "1024x1024")).toBe("1024x1024");
  });
});

describe("sizeFollowsAspectRatio", () => {
  it("holds for pixel sizes next to an aspect ratio, as OpenAI's models have", () => {
    const openAi = model({
      settings: {
        aspectRatio: { allowed: ["1:1", "3:2"] },
        size: { allowed: ["1024x1024", "1536x1024"], default: "1024x1024" },
      },
    });
    expect(sizeFollowsAspectRatio(openAi)).toBe(true);
    expect(sizeFollowsAspectRatio(local)).toBe(false);
    expect(sizeFollowsAspectRatio(model({ settings: { size: { allowed: ["1024x1024"] } } }))).toBe(false);
  });
});

describe("creditsForChoices", () => {
  const priced = model({
    id: "gpt-image-2",
    credits: 6,
    price: { credits: 6, byQuality: { low: 2, medium: 6, high: 20 }, sizeMultiplier: { "1536x1024": 1.5 } },
    sizeForAspectRatio: { "1:1": "1024x1024", "3:2": "1536x1024" },
    settings: {
      aspectRatio: { allowed: ["1:1", "3:2"] },
      size: { allowed: ["1024x1024", "1536x1024"], default: "1024x1024" },
      quality: { allowed: ["low", "medium", "high"], default: "medium" },
    },
  });

  it("prices the defaults, a chosen quality, and the size an aspect ratio picks", () => {
    expect(creditsForChoices(priced, {})).toBe(6);
    expect(creditsForChoices(priced, { quality: "high" })).toBe(20);
    expect(creditsForChoices(priced, { aspectRatio: "3:2", quality: "low" })).toBe(3);
  });

  it("falls back to the catalog's default price from an older server", () => {
    expect(creditsForChoices(model({ credits: 1 }), {})).toBe(1);
    expect(creditsForChoices(model({}), {})).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { ImageModel } from "@domain/contracts/image-generation";
import { draftFromSearch } from "@/features/ai-image/lib/draft-from-search";

function model(overrides: Partial<ImageModel>): ImageModel {
  return {
    id: "local-render",
    label: "Offline render",
    provider: "local",
    available: true,
    retired: false,
    aliases: [],
    supportsReferenceImage: false,
    settings: {
      style: { allowed: ["photography", "3d-render"] },
      size: { allowed: ["256", "512"], default: "512" },
    },
    ...overrides,
  };
}

const local = model({});
const other = model({ id: "other", settings: { quality: { allowed: ["low", "high"] } } });
const offline = model({ id: "offline", available: false });
const models = [local, other, offline];

describe("draftFromSearch", () => {
  it("takes the prompt, the model, its settings and the token values from the link", () => {
    const params = new URLSearchParams({
      prompt: "Hello [firstname]",
      model: "other",
      settings: JSON.stringify({ quality: "high", style: "photography" }),
      tokens: JSON.stringify({ firstname: "Ada" }),
    });
    expect(draftFromSearch(params, models, local)).toEqual({
      prompt: "Hello [firstname]",
      modelId: "other",
      settings: { quality: "high" },
      tokenValues: { FIRSTNAME: "Ada" },
      referenceImage: null,
    });
  });

  it("falls back to the default model when the named one is unknown or unavailable", () => {
    expect(draftFromSearch(new URLSearchParams({ model: "nope" }), models, local).modelId).toBe(
      "local-render",
    );
    expect(draftFromSearch(new URLSearchParams({ model: "offline" }), models, local).modelId).toBe(
      "local-render",
    );
  });

  it("ignores mangled JSON, non-string values and a model's default setting", () => {
    const params = new URLSearchParams({ settings: "{not json", tokens: JSON.stringify({ A: 1, B: "b" }) });
    expect(draftFromSearch(params, models, local)).toMatchObject({ settings: {}, tokenValues: { B: "b" } });
    const defaults = new URLSearchParams({ settings: JSON.stringify({ size: "512", style: "3d-render" }) });
    expect(draftFromSearch(defaults, models, local).settings).toEqual({ style: "3d-render" });
  });

  it("starts empty without params", () => {
    expect(draftFromSearch(new URLSearchParams(), models, local)).toEqual({
      prompt: "",
      modelId: "local-render",
      settings: {},
      tokenValues: {},
      referenceImage: null,
    });
  });
});

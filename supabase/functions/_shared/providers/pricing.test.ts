import assert from "node:assert/strict";
import { findImageModel, validateImageSettings } from "./catalog.ts";
import { imageCredits } from "./pricing.ts";

function credits(modelId: string, settings: Record<string, string> = {}): number {
  const model = findImageModel(modelId)!;
  return imageCredits(model, validateImageSettings(model, settings));
}

Deno.test("an offline render costs 1 credit whatever its settings", () => {
  assert.equal(credits("local-render"), 1);
  assert.equal(credits("local-render", { size: "2048", aspectRatio: "16:9", style: "anime" }), 1);
});

Deno.test("GPT Image is priced by quality and size", () => {
  assert.equal(credits("gpt-image-2"), 6);
  assert.equal(credits("gpt-image-2", { quality: "low" }), 2);
  assert.equal(credits("gpt-image-2", { quality: "high" }), 20);
  assert.equal(credits("gpt-image-2", { quality: "high", size: "1536x1024" }), 30);
  assert.equal(credits("gpt-image-2", { quality: "low", aspectRatio: "16:9" }), 5);
});

Deno.test("dall-e-3 is priced by dalleQuality and size", () => {
  assert.equal(credits("dall-e-3"), 4);
  assert.equal(credits("dall-e-3", { dalleQuality: "hd", size: "1792x1024" }), 12);
});

Deno.test("Gemini and FLUX are priced by output size", () => {
  assert.equal(credits("gemini-3.1-flash-image"), 7);
  assert.equal(credits("gemini-3.1-flash-image", { size: "4K" }), 16);
  assert.equal(credits("gemini-3-pro-image", { size: "2K" }), 14);
  assert.equal(credits("flux-2-pro", { size: "2 MP" }), 6);
});

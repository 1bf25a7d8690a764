import assert from "node:assert/strict";
import { ApiError } from "../http/errors.ts";
import {
  describeImageModels,
  IMAGE_MODELS,
  isRetired,
  MODEL_ALIASES,
  resolveImageModel,
  validateImageSettings,
} from "./catalog.ts";
import { IMAGE_PRICES } from "./pricing.ts";
import { SECRETS, TEST_DATE } from "./test-support.ts";
import type { Env } from "./types.ts";

const now = new Date(TEST_DATE);
const allKeys: Env = (name) => (SECRETS as Record<string, string>)[name];
const noKeys: Env = () => undefined;

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  assert.fail("expected an ApiError");
}

function model(id: string) {
  const found = IMAGE_MODELS.find((m) => m.id === id);
  assert.ok(found, `no catalog row ${id}`);
  return found;
}

Deno.test("the architecture's model names resolve to current models", () => {
  const expected: Record<string, string> = {
    local: "local-render",
    openai: "gpt-image-2",
    "gpt-image-1": "gpt-image-2",
    gemini: "gemini-3.1-flash-image",
    gemini2flash: "gemini-3.1-flash-lite-image",
    imagen: "gemini-3.1-flash-image",
    replicate: "flux-2-pro",
  };
  for (const [alias, id] of Object.entries(expected)) {
    const resolved = resolveImageModel(alias, allKeys, now);
    assert.equal(resolved.model.id, id, alias);
    assert.equal(isRetired(resolved.model, now), false, alias);
  }
  assert.deepEqual(Object.keys(MODEL_ALIASES).sort(), Object.keys(expected).sort());
});

Deno.test("the imagen alias is carried to Imagen's successor and says which model it replaced", () => {
  const resolved = resolveImageModel("imagen", allKeys, now);
  assert.equal(resolved.model.id, "gemini-3.1-flash-image");
  assert.deepEqual(resolved.replaced, ["imagen-4.0-generate-001"]);
});

Deno.test("no model name defaults to the offline renderer, which needs no key", () => {
  assert.equal(resolveImageModel(undefined, noKeys, now).model.id, "local-render");
  assert.equal(resolveImageModel("  LOCAL ", noKeys, now).model.id, "local-render");
});

Deno.test("naming dall-e-3 is an error that names its successor", () => {
  const error = refusal(() => resolveImageModel("dall-e-3", allKeys, now));
  assert.equal(error.status, 400);
  assert.match(error.message, /dall-e-3.*retired.*2026-05-12.*"gpt-image-2"/);
  assert.equal(error.details.successor, "gpt-image-2");
  assert.equal(error.details.reason, "MODEL_RETIRED");
});

Deno.test("naming an Imagen model is an error that names its Gemini successor", () => {
  const standard = refusal(() => resolveImageModel("imagen-4.0-generate-001", allKeys, now));
  assert.match(standard.message, /retired by Google AI on 2026-08-17\. Use "gemini-3\.1-flash-image"/);
  const ultra = refusal(() => resolveImageModel("imagen-4.0-ultra-generate-001", allKeys, now));
  assert.equal(ultra.details.successor, "gemini-3-pro-image");
});

Deno.test("a retired model can be re-enabled for an endpoint that still serves it", () => {
  const env: Env = (name) =>
    name === "LEGACY_IMAGE_MODELS" ? "dall-e-3, imagen-4.0-generate-001" : allKeys(name);
  assert.equal(resolveImageModel("dall-e-3", env, now).model.id, "dall-e-3");
  assert.equal(resolveImageModel("imagen-4.0-generate-001", env, now).model.id, "imagen-4.0-generate-001");
});

Deno.test("retirement follows the calendar: gpt-image-1.5 is served until its shutdown day", () => {
  assert.equal(resolveImageModel("gpt-image-1.5", allKeys, now).model.id, "gpt-image-1.5");
  const afterShutdown = new Date("2026-12-01T00:00:00Z");
  const error = refusal(() => resolveImageModel("gpt-image-1.5", allKeys, afterShutdown));
  assert.equal(error.details.successor, "gpt-image-2");
});

Deno.test("an unknown model is a 400 that lists the valid names", () => {
  const error = refusal(() => resolveImageModel("midjourney", allKeys, now));
  assert.equal(error.status, 400);
  assert.equal(error.code, "VALIDATION_ERROR");
  assert.match(
    error.message,
    /Unknown model "midjourney"\. Valid models: .*local.*openai.*gemini2flash.*flux-2-pro/,
  );
  const valid = error.details.validModels as string[];
  assert.ok(valid.includes("imagen"), "aliases are valid");
  assert.ok(!valid.includes("dall-e-3"), "retired models are not offered");
});

Deno.test("a model whose provider has no key is refused, listing what is available", () => {
  const error = refusal(() => resolveImageModel("openai", noKeys, now));
  assert.equal(error.status, 400);
  assert.match(error.message, /OPENAI_API_KEY is not set/);
  assert.deepEqual(error.details.availableModels, ["local", "local-render"]);
  const googleOnly: Env = (name) => name === "GOOGLE_AI_API_KEY" ? "key" : undefined;
  assert.equal(resolveImageModel("gemini", googleOnly, now).model.provider, "google");
});

Deno.test("a setting value the model does not allow is a 400 listing the allowed values", () => {
  const error = refusal(() => validateImageSettings(model("gpt-image-2"), { quality: "ultra" }));
  assert.equal(error.status, 400);
  assert.equal(
    error.message,
    'Setting quality="ultra" is not valid for gpt-image-2. Allowed values: low, medium, high.',
  );
  assert.deepEqual(error.details.allowedValues, ["low", "medium", "high"]);
});

Deno.test("a setting the model does not take is a 400 listing the settings it does take", () => {
  const error = refusal(() => validateImageSettings(model("gpt-image-2"), { dalleQuality: "hd" }));
  assert.match(
    error.message,
    /Setting "dalleQuality" is not accepted by gpt-image-2\. Accepted settings: aspectRatio, size/,
  );
  const unknown = refusal(() => validateImageSettings(model("local-render"), { seed: "7" }));
  assert.match(unknown.message, /Setting "seed" is not accepted/);
});

Deno.test("a non-string setting value and non-object settings are refused", () => {
  assert.equal(refusal(() => validateImageSettings(model("local-render"), { size: 1024 })).status, 400);
  assert.equal(refusal(() => validateImageSettings(model("local-render"), ["1:1"])).status, 400);
  assert.equal(refusal(() => validateImageSettings(model("local-render"), "1:1")).status, 400);
});

Deno.test("settings are filled with the model's defaults", () => {
  assert.deepEqual(validateImageSettings(model("gpt-image-2"), undefined), {
    size: "1024x1024",
    quality: "medium",
    background: "auto",
    outputFormat: "png",
  });
  assert.deepEqual(validateImageSettings(model("local-render"), { style: "anime", size: "" }), {
    aspectRatio: "1:1",
    size: "512",
    outputFormat: "png",
    style: "anime",
  });
});

Deno.test("an aspect ratio picks the matching pixel size, and a contradicting size is refused", () => {
  assert.equal(validateImageSettings(model("gpt-image-2"), { aspectRatio: "16:9" }).size, "2048x1152");
  assert.equal(validateImageSettings(model("dall-e-3"), { aspectRatio: "9:16" }).size, "1024x1792");
  assert.equal(
    validateImageSettings(model("gpt-image-2"), { aspectRatio: "16:9", size: "3840x2160" }).size,
    "3840x2160",
  );
  const error = refusal(() =>
    validateImageSettings(model("gpt-image-2"), { aspectRatio: "16:9", size: "1024x1024" })
  );
  assert.match(error.message, /size 1024x1024 does not have aspect ratio 16:9/);
});

Deno.test("a transparent background needs a format with alpha", () => {
  const error = refusal(() =>
    validateImageSettings(model("gpt-image-1.5"), { background: "transparent", outputFormat: "jpeg" })
  );
  assert.deepEqual(error.details.allowedValues, ["png", "webp"]);
  assert.equal(
    validateImageSettings(model("gpt-image-1.5"), { background: "transparent" }).outputFormat,
    "png",
  );
});

Deno.test("every catalog row is complete: a price, defaults it allows, a live successor", () => {
  for (const row of IMAGE_MODELS) {
    assert.ok(IMAGE_PRICES[row.id], `${row.id} has no price`);
    for (const [name, value] of Object.entries(row.defaults)) {
      assert.ok(
        row.settings[name as keyof typeof row.settings]?.includes(value),
        `${row.id} default ${name}`,
      );
    }
    if (row.retirement) {
      const successor = IMAGE_MODELS.find((m) => m.id === row.retirement!.successor);
      assert.ok(successor && !isRetired(successor, now), `${row.id} successor`);
    }
  }
});

Deno.test("the model list tells the picker what each model accepts and whether it runs here", () => {
  const described = describeImageModels((name) => name === "OPENAI_API_KEY" ? "k" : undefined, now);
  const gpt = described.find((m) => m.id === "gpt-image-2")!;
  assert.equal(gpt.available, true);
  assert.deepEqual(gpt.aliases.sort(), ["gpt-image-1", "openai"]);
  assert.deepEqual(gpt.settings.quality, { allowed: ["low", "medium", "high"], default: "medium" });
  assert.equal(described.find((m) => m.id === "gemini-3.1-flash-image")!.available, false);
  assert.deepEqual(described.find((m) => m.id === "gemini-3.1-flash-image")!.aliases.sort(), [
    "gemini",
    "imagen",
  ]);
  const dalle = described.find((m) => m.id === "dall-e-3")!;
  assert.deepEqual([dalle.retired, dalle.available], [true, false]);
});

Deno.test("the model list says why a model can't run, what it costs and how its settings read", () => {
  const described = describeImageModels((name) => name === "OPENAI_API_KEY" ? "k" : undefined, now);
  const gemini = described.find((m) => m.id === "gemini-3.1-flash-image")!;
  assert.deepEqual(gemini.unavailableReason, {
    kind: "missing-key",
    envVar: "GOOGLE_AI_API_KEY",
    providerLabel: "Google AI",
  });
  const dalle = described.find((m) => m.id === "dall-e-3")!;
  assert.equal(dalle.unavailableReason?.kind, "retired");
  const gpt = described.find((m) => m.id === "gpt-image-2")!;
  assert.equal(gpt.unavailableReason, undefined);
  assert.equal(gpt.credits, 6);
  assert.equal(gpt.price.byQuality?.high, 20);
  assert.equal(gpt.settingLabels.aspectRatio?.label, "Aspect ratio");
  assert.equal(gpt.settingLabels.outputFormat?.values.png, "PNG");
  assert.equal(described.find((m) => m.id === "local-render")!.credits, 1);
});

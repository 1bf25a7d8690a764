import assert from "node:assert/strict";
import { rejection, testGenerator } from "./test-support.ts";

function noNetwork() {
  const calls: string[] = [];
  const fetch = (input: string | URL | Request) => {
    calls.push(String(input));
    return Promise.reject(new Error("no network in this test"));
  };
  return { calls, fetch };
}

Deno.test("plan resolves, validates and prices a call without touching the provider", () => {
  const network = noNetwork();
  const { generator } = testGenerator(undefined, {}, { fetch: network.fetch });
  const plan = generator.plan({ model: "openai", settings: { quality: "high", aspectRatio: "2:3" } });
  assert.equal(plan.model.id, "gpt-image-2");
  assert.equal(plan.requestedModel, "openai");
  assert.deepEqual(plan.settings, {
    size: "1024x1536",
    quality: "high",
    background: "auto",
    outputFormat: "png",
    aspectRatio: "2:3",
  });
  assert.equal(plan.credits, 30);
  assert.deepEqual(network.calls, []);
});

Deno.test("plan refuses a reference image for a model that cannot take one", () => {
  const { generator } = testGenerator(undefined, { LEGACY_IMAGE_MODELS: "dall-e-3" });
  assert.throws(
    () => generator.plan({ model: "dall-e-3", hasReferenceImage: true }),
    (error: Error & { status?: number }) =>
      error.status === 400 && /does not take a reference image/.test(error.message),
  );
  assert.equal(
    generator.plan({ model: "gemini", hasReferenceImage: true }).model.id,
    "gemini-3.1-flash-image",
  );
});

Deno.test("run checks the reference image again, whatever the plan said", async () => {
  const { generator } = testGenerator(undefined, { LEGACY_IMAGE_MODELS: "dall-e-3" });
  const plan = generator.plan({ model: "dall-e-3" });
  const error = await rejection(
    generator.run(plan, {
      prompt: "x",
      referenceImage: { bytes: new Uint8Array([1]), mimeType: "image/png" },
    }),
  );
  assert.equal(error.status, 400);
});

Deno.test("generate rejects (never throws) for a bad request, before any network call", async () => {
  const network = noNetwork();
  const { generator } = testGenerator(undefined, {}, { fetch: network.fetch });
  const unknown = generator.generate({ model: "nope", prompt: "x" });
  assert.ok(unknown instanceof Promise);
  assert.equal((await rejection(unknown)).status, 400);
  assert.equal(
    (await rejection(generator.generate({ model: "openai", prompt: "x", settings: { style: "vaporwave" } })))
      .status,
    400,
  );
  assert.deepEqual(network.calls, []);
});

Deno.test("describeModels reflects which keys are set", () => {
  const { generator } = testGenerator(undefined, {}, {
    env: (name) => (name === "REPLICATE_API_TOKEN" ? "r8_x" : undefined),
  });
  const available = generator.describeModels().filter((model) => model.available).map((model) => model.id);
  assert.deepEqual(available, ["local-render", "flux-2-pro"]);
});

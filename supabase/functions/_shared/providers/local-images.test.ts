import assert from "node:assert/strict";
import decodePng from "@jsquash/png/decode.js";
import { readImageInfo } from "../images/image-info.ts";
import { offlineImageSize, renderOfflineImage } from "./local-images.ts";
import { sleep } from "./provider-http.ts";
import { rejection, testGenerator } from "./test-support.ts";

const prompt = "Professional portrait of John from Acme Corp";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

Deno.test("the same prompt and settings give the same bytes", async () => {
  const settings = { aspectRatio: "4:3", size: "512", style: "anime" };
  const first = await renderOfflineImage({ prompt, settings });
  const second = await renderOfflineImage({ prompt, settings: { ...settings } });
  // Not deepEqual: on a mismatch, its diff of two large arrays takes minutes to build.
  assert.ok(sameBytes(first.png, second.png), "the two renders differ");
  assert.equal(first.seed, second.seed);
});

Deno.test("a different prompt, style or reference image gives different bytes", async () => {
  const settings = { aspectRatio: "1:1", size: "256" };
  const base = await renderOfflineImage({ prompt, settings });
  const otherPrompt = await renderOfflineImage({
    prompt: "Professional portrait of Jane from Acme Corp",
    settings,
  });
  const otherStyle = await renderOfflineImage({ prompt, settings: { ...settings, style: "sketch" } });
  const withReference = await renderOfflineImage({
    prompt,
    settings,
    referenceImage: { bytes: new Uint8Array([1, 2, 3]), mimeType: "image/png" },
  });
  for (const other of [otherPrompt, otherStyle, withReference]) assert.ok(!sameBytes(other.png, base.png));
});

Deno.test("the PNG has the requested aspect ratio, by its own header", async () => {
  const expected: Record<string, [number, number]> = {
    "1:1": [512, 512],
    "16:9": [512, 288],
    "9:16": [288, 512],
    "4:3": [512, 384],
    "3:2": [512, 341],
    "21:9": [512, 219],
  };
  for (const [aspectRatio, [width, height]] of Object.entries(expected)) {
    const render = await renderOfflineImage({ prompt, settings: { aspectRatio, size: "512" } });
    assert.deepEqual(readImageInfo(render.png), { mimeType: "image/png", width, height }, aspectRatio);
    assert.deepEqual(offlineImageSize({ aspectRatio, size: "512" }), { width, height });
  }
});

Deno.test("the PNG is valid: an independent decoder reads every pixel", async () => {
  const render = await renderOfflineImage({ prompt, settings: { aspectRatio: "3:4", size: "256" } });
  const image = await decodePng(render.png.slice().buffer);
  assert.deepEqual([image.width, image.height], [192, 256]);
  assert.equal(image.data.length, 192 * 256 * 4);
  const distinctColours = new Set<number>();
  for (let i = 0; i < image.data.length; i += 4 * 97) {
    distinctColours.add((image.data[i] << 16) | (image.data[i + 1] << 8) | image.data[i + 2]);
  }
  assert.ok(distinctColours.size > 20, `a picture, not a flat fill (${distinctColours.size} colours)`);
});

Deno.test("a long prompt is wrapped and cut, not spilled off the image", async () => {
  const render = await renderOfflineImage({
    prompt: "word ".repeat(500),
    settings: { aspectRatio: "1:1", size: "256" },
  });
  assert.deepEqual(readImageInfo(render.png)?.width, 256);
});

Deno.test("the local model needs no key and no network, costs 1 credit and reports what ran", async () => {
  const fetchCalls: string[] = [];
  const { generator } = testGenerator(undefined, {}, {
    env: () => undefined,
    fetch: (input) => {
      fetchCalls.push(String(input));
      return Promise.reject(new Error("no network"));
    },
  });
  const result = await generator.generate({ prompt, settings: { aspectRatio: "16:9" } });
  assert.equal(result.model, "local-render");
  assert.equal(result.requestedModel, "local");
  assert.equal(result.provider, "local");
  assert.equal(result.providerModel, "local-render-v1");
  assert.equal(result.credits, 1);
  assert.equal(typeof result.seed, "number");
  assert.equal(result.metadata.label, "offline render");
  assert.deepEqual([result.images[0].mimeType, result.images[0].width, result.images[0].height], [
    "image/png",
    512,
    288,
  ]);
  assert.deepEqual(fetchCalls, []);
});

Deno.test("LOCAL_IMAGE_LATENCY_MS adds a wait, which the caller can abort", async () => {
  const { generator, sleeps } = testGenerator(undefined, { LOCAL_IMAGE_LATENCY_MS: "250" });
  await generator.generate({ model: "local", prompt, settings: { size: "256" } });
  assert.deepEqual(sleeps, [250]);

  const slow = testGenerator(undefined, { LOCAL_IMAGE_LATENCY_MS: "5000" }, { sleep }).generator;
  const controller = new AbortController();
  setTimeout(() => controller.abort(new Error("client went away")), 20);
  await assert.rejects(
    slow.generate({ model: "local", prompt, signal: controller.signal }),
    /client went away/,
  );
});

Deno.test("a local setting out of range is refused before anything runs", async () => {
  const { generator } = testGenerator(undefined);
  const error = await rejection(generator.generate({ model: "local", prompt, settings: { size: "4096" } }));
  assert.match(error.message, /Allowed values: 256, 512, 1024, 2048/);
});

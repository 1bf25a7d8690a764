import assert from "node:assert/strict";
import {
  assertNoSecrets,
  type FakeHandler,
  type FakeServer,
  rejection,
  SECRETS,
  startFakeServer,
  testGenerator,
  testPngBase64,
} from "./test-support.ts";

// Imagen is retired in the Gemini API; these run it on an endpoint declared to still serve it.
const LEGACY = { LEGACY_IMAGE_MODELS: "imagen-4.0-generate-001,imagen-4.0-fast-generate-001" };

async function withImagen(handler: FakeHandler, run: (server: FakeServer) => Promise<void>): Promise<void> {
  const server = startFakeServer(handler);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

async function predictAnswer(width = 8, height = 6) {
  return {
    predictions: [{
      mimeType: "image/png",
      bytesBase64Encoded: await testPngBase64(width, height),
      prompt: "An enhanced prompt about a lighthouse",
    }],
  };
}

Deno.test("imagen: POST :predict with instances and parameters, image from bytesBase64Encoded", async () => {
  const answer = await predictAnswer(9, 16);
  await withImagen(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server, LEGACY);
    const result = await generator.generate({
      model: "imagen-4.0-generate-001",
      prompt: "A lighthouse",
      settings: { aspectRatio: "9:16", size: "2K" },
    });
    const [request] = server.requests;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v1beta/models/imagen-4.0-generate-001:predict");
    assert.equal(request.headers.get("x-goog-api-key"), SECRETS.GOOGLE_AI_API_KEY);
    assert.deepEqual(request.json, {
      instances: [{ prompt: "A lighthouse" }],
      parameters: {
        sampleCount: 1,
        aspectRatio: "9:16",
        sampleImageSize: "2K",
        includeRaiReason: true,
        personGeneration: "allow_adult",
      },
    });
    assert.equal(result.model, "imagen-4.0-generate-001");
    assert.deepEqual([result.images[0].width, result.images[0].height], [9, 16]);
    assert.equal(result.revisedPrompt, "An enhanced prompt about a lighthouse");
  });
});

Deno.test("Imagen Fast takes no image size parameter", async () => {
  const answer = await predictAnswer();
  await withImagen(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server, LEGACY);
    await generator.generate({ model: "imagen-4.0-fast-generate-001", prompt: "x" });
    const body = server.requests[0].json as { parameters: Record<string, unknown> };
    assert.equal("sampleImageSize" in body.parameters, false);
  });
});

Deno.test("a filtered Imagen result (raiFilteredReason) is a 400 CONTENT_POLICY", async () => {
  const filtered = {
    predictions: [{
      raiFilteredReason:
        "Your current safety filter threshold filtered out the generated image. You will not be charged.",
    }],
  };
  await withImagen(() => Response.json(filtered), async (server) => {
    const { generator } = testGenerator(server, LEGACY);
    const error = await rejection(generator.generate({ model: "imagen-4.0-generate-001", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [400, "CONTENT_POLICY"]);
    assert.match(String(error.details.providerMessage), /safety filter threshold/);
  });
});

Deno.test("an empty Imagen answer (every image filtered) is a 400 CONTENT_POLICY", async () => {
  await withImagen(() => Response.json({}), async (server) => {
    const { generator } = testGenerator(server, LEGACY);
    assert.equal(
      (await rejection(generator.generate({ model: "imagen-4.0-generate-001", prompt: "x" }))).code,
      "CONTENT_POLICY",
    );
  });
});

Deno.test("Imagen's 400 for a sensitive prompt is a 400 CONTENT_POLICY", async () => {
  const refused = {
    error: {
      code: 400,
      message:
        "Image generation failed with the following error: The prompt could not be submitted. This prompt contains sensitive words that violate Google's Responsible AI practices. Try rephrasing the prompt.",
      status: "INVALID_ARGUMENT",
    },
  };
  await withImagen(() => Response.json(refused, { status: 400 }), async (server) => {
    const { generator } = testGenerator(server, LEGACY);
    const error = await rejection(generator.generate({ model: "imagen-4.0-generate-001", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [400, "CONTENT_POLICY"]);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("Imagen 401 UNAUTHENTICATED is a 502 that leaks no key", async () => {
  const unauthenticated = {
    error: {
      code: 401,
      message: "Request had invalid authentication credentials.",
      status: "UNAUTHENTICATED",
    },
  };
  await withImagen(() => Response.json(unauthenticated, { status: 401 }), async (server) => {
    const { generator } = testGenerator(server, LEGACY);
    const error = await rejection(generator.generate({ model: "imagen-4.0-generate-001", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assertNoSecrets(error);
  });
});

Deno.test("Imagen 429 with Retry-After is retried after the wait, then succeeds", async () => {
  const answer = await predictAnswer();
  await withImagen(
    (_, { index }) =>
      index === 0
        ? Response.json({ error: { code: 429, message: "Quota exceeded", status: "RESOURCE_EXHAUSTED" } }, {
          status: 429,
          headers: { "retry-after": "1" },
        })
        : Response.json(answer),
    async (server) => {
      const { generator, sleeps } = testGenerator(server, LEGACY);
      await generator.generate({ model: "imagen-4.0-generate-001", prompt: "x" });
      assert.deepEqual(sleeps, [1000]);
      assert.equal(server.requests.length, 2);
    },
  );
});

Deno.test("Imagen 500 is retried, then a 502", async () => {
  await withImagen(
    () =>
      Response.json({ error: { code: 500, message: "Internal error", status: "INTERNAL" } }, { status: 500 }),
    async (server) => {
      const { generator } = testGenerator(server, LEGACY);
      assert.equal(
        (await rejection(generator.generate({ model: "imagen-4.0-generate-001", prompt: "x" }))).status,
        502,
      );
      assert.equal(server.requests.length, 3);
    },
  );
});

Deno.test("an Imagen that never answers is a 504 within the configured timeout", async () => {
  await withImagen((_, { hang }) => hang(), async (server) => {
    const { generator } = testGenerator(server, LEGACY, { timeoutsMs: { google: 200 } });
    const started = performance.now();
    const error = await rejection(generator.generate({ model: "imagen-4.0-generate-001", prompt: "x" }));
    assert.equal(error.status, 504);
    assert.ok(performance.now() - started < 2000);
  });
});

Deno.test("Imagen takes no reference image: a 400 naming the models that do", async () => {
  const { generator } = testGenerator(undefined, LEGACY);
  const error = await rejection(
    generator.generate({
      model: "imagen-4.0-generate-001",
      prompt: "x",
      referenceImage: { bytes: new Uint8Array([1]), mimeType: "image/png" },
    }),
  );
  assert.equal(error.status, 400);
  assert.match(error.message, /does not take a reference image\. Models that do: local-render, gpt-image-2/);
});

import assert from "node:assert/strict";
import { bytesToBase64 } from "./base64.ts";
import {
  assertNoSecrets,
  type FakeHandler,
  type FakeServer,
  rejection,
  SECRETS,
  startFakeServer,
  testGenerator,
  testPng,
  testPngBase64,
} from "./test-support.ts";

async function withGemini(handler: FakeHandler, run: (server: FakeServer) => Promise<void>): Promise<void> {
  const server = startFakeServer(handler);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/** The shape of a 200 from generateContent with an image: text and image parts in one candidate. */
async function imageAnswer(width = 8, height = 6) {
  return {
    candidates: [{
      content: {
        role: "model",
        parts: [
          { text: "Here is your lighthouse." },
          { inlineData: { mimeType: "image/png", data: await testPngBase64(width, height) } },
        ],
      },
      finishReason: "STOP",
      index: 0,
    }],
    usageMetadata: { promptTokenCount: 12, candidatesTokenCount: 1290, totalTokenCount: 1302 },
    modelVersion: "gemini-3.1-flash-image",
    responseId: "resp-123",
  };
}

Deno.test("gemini: generateContent with the API key header, IMAGE modality and imageConfig", async () => {
  const answer = await imageAnswer(16, 9);
  await withGemini(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server);
    const result = await generator.generate({
      model: "gemini",
      prompt: "A lighthouse at dusk",
      settings: { aspectRatio: "16:9", size: "2K" },
    });
    const [request] = server.requests;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v1beta/models/gemini-3.1-flash-image:generateContent");
    assert.equal(request.headers.get("x-goog-api-key"), SECRETS.GOOGLE_AI_API_KEY);
    assert.equal(request.headers.get("authorization"), null);
    assert.deepEqual(request.json, {
      contents: [{ role: "user", parts: [{ text: "A lighthouse at dusk" }] }],
      generationConfig: {
        responseModalities: ["TEXT", "IMAGE"],
        imageConfig: { aspectRatio: "16:9", imageSize: "2K" },
      },
    });
    assert.equal(result.model, "gemini-3.1-flash-image");
    assert.deepEqual([result.images[0].mimeType, result.images[0].width, result.images[0].height], [
      "image/png",
      16,
      9,
    ]);
    assert.equal(result.metadata.modelText, "Here is your lighthouse.");
    assert.equal(result.metadata.responseId, "resp-123");
  });
});

Deno.test("gemini2flash runs the Lite model; a reference image travels as inlineData", async () => {
  const answer = await imageAnswer();
  const reference = await testPng(4, 4);
  await withGemini(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server);
    await generator.generate({
      model: "gemini2flash",
      prompt: "Put a hat on it",
      referenceImage: { bytes: reference, mimeType: "image/png" },
    });
    const [request] = server.requests;
    assert.equal(request.path, "/v1beta/models/gemini-3.1-flash-lite-image:generateContent");
    const body = request.json as { contents: Array<{ parts: unknown[] }> };
    assert.deepEqual(body.contents[0].parts, [
      { text: "Put a hat on it" },
      { inlineData: { mimeType: "image/png", data: bytesToBase64(reference) } },
    ]);
  });
});

Deno.test("the imagen alias runs on Gemini and the result says which model ran", async () => {
  const answer = await imageAnswer();
  await withGemini(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server);
    const result = await generator.generate({ model: "imagen", prompt: "x" });
    assert.equal(server.requests[0].path, "/v1beta/models/gemini-3.1-flash-image:generateContent");
    assert.equal(result.model, "gemini-3.1-flash-image");
    assert.equal(result.requestedModel, "imagen");
    assert.deepEqual(result.metadata.replacedModels, ["imagen-4.0-generate-001"]);
  });
});

Deno.test("draft images of a thinking model are skipped; the final image is returned", async () => {
  const draft = await testPngBase64(2, 2);
  const final = await testPngBase64(10, 10);
  const answer = {
    candidates: [{
      content: {
        parts: [
          { text: "Planning the composition", thought: true },
          { inlineData: { mimeType: "image/png", data: draft }, thought: true },
          { inlineData: { mimeType: "image/png", data: final } },
        ],
      },
      finishReason: "STOP",
    }],
  };
  await withGemini(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server);
    const result = await generator.generate({ model: "gemini-3-pro-image", prompt: "x" });
    assert.equal(result.images.length, 1);
    assert.equal(result.images[0].width, 10);
    assert.equal(result.metadata.modelText, undefined);
  });
});

Deno.test("a prompt Gemini blocks (promptFeedback.blockReason) is a 400 CONTENT_POLICY", async () => {
  const blocked = {
    promptFeedback: { blockReason: "PROHIBITED_CONTENT" },
    usageMetadata: { promptTokenCount: 8 },
  };
  await withGemini(() => Response.json(blocked), async (server) => {
    const { generator, sleeps } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "gemini", prompt: "something refused" }));
    assert.deepEqual([error.status, error.code], [400, "CONTENT_POLICY"]);
    assert.equal(error.details.providerCode, "PROHIBITED_CONTENT");
    assert.deepEqual(sleeps, []);
  });
});

Deno.test("an image Gemini withholds (finishReason IMAGE_SAFETY) is a 400 CONTENT_POLICY", async () => {
  const withheld = {
    candidates: [{
      content: { parts: [{ text: "I can't create that image." }] },
      finishReason: "IMAGE_SAFETY",
    }],
  };
  await withGemini(() => Response.json(withheld), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "gemini", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [400, "CONTENT_POLICY"]);
    assert.equal(error.details.providerMessage, "I can't create that image.");
  });
});

Deno.test("an answer with no image for another reason is a 502 naming the finish reason", async () => {
  const noImage = { candidates: [{ content: { parts: [{ text: "Sure!" }] }, finishReason: "NO_IMAGE" }] };
  await withGemini(() => Response.json(noImage), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "gemini", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assert.match(error.message, /NO_IMAGE/);
  });
});

Deno.test("Google's 400 API_KEY_INVALID means our key is bad: 502, key not leaked", async () => {
  const invalidKey = {
    error: {
      code: 400,
      message: "API key not valid. Please pass a valid API key.",
      status: "INVALID_ARGUMENT",
      details: [{
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      }],
    },
  };
  await withGemini(() => Response.json(invalidKey, { status: 400 }), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "gemini", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assert.match(error.message, /GOOGLE_AI_API_KEY/);
    assertNoSecrets(error);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("Google's 403 PERMISSION_DENIED is a 502 too", async () => {
  const denied = {
    error: { code: 403, message: "Permission denied on resource project.", status: "PERMISSION_DENIED" },
  };
  await withGemini(() => Response.json(denied, { status: 403 }), async (server) => {
    const { generator } = testGenerator(server);
    assert.equal((await rejection(generator.generate({ model: "gemini", prompt: "x" }))).status, 502);
  });
});

Deno.test("429 RESOURCE_EXHAUSTED: the RetryInfo delay is honoured, then it succeeds", async () => {
  const answer = await imageAnswer();
  const exhausted = {
    error: {
      code: 429,
      message: "Resource has been exhausted (e.g. check quota).",
      status: "RESOURCE_EXHAUSTED",
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" }],
    },
  };
  await withGemini(
    (_, { index }) => index === 0 ? Response.json(exhausted, { status: 429 }) : Response.json(answer),
    async (server) => {
      const { generator, sleeps } = testGenerator(server);
      const result = await generator.generate({ model: "gemini", prompt: "x" });
      assert.equal(result.images.length, 1);
      assert.deepEqual(sleeps, [2000]);
    },
  );
});

Deno.test("429 with a Retry-After header: retried after the wait, then succeeds", async () => {
  const answer = await imageAnswer();
  const exhausted = { error: { code: 429, message: "Quota exceeded.", status: "RESOURCE_EXHAUSTED" } };
  await withGemini(
    (_, { index }) =>
      index === 0
        ? Response.json(exhausted, { status: 429, headers: { "retry-after": "3" } })
        : Response.json(answer),
    async (server) => {
      const { generator, sleeps } = testGenerator(server);
      await generator.generate({ model: "gemini", prompt: "x" });
      assert.deepEqual(sleeps, [3000]);
      assert.equal(server.requests.length, 2);
    },
  );
});

Deno.test("Gemini 500 INTERNAL is retried, then a 502", async () => {
  const internal = { error: { code: 500, message: "An internal error has occurred.", status: "INTERNAL" } };
  await withGemini(() => Response.json(internal, { status: 500 }), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "gemini", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assert.equal(server.requests.length, 3);
  });
});

Deno.test("a Gemini that never answers is a 504 within the configured timeout", async () => {
  await withGemini((_, { hang }) => hang(), async (server) => {
    const { generator } = testGenerator(server, {}, { timeoutsMs: { google: 200 } });
    const started = performance.now();
    const error = await rejection(generator.generate({ model: "gemini", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [504, "PROVIDER_TIMEOUT"]);
    assert.ok(performance.now() - started < 2000);
  });
});

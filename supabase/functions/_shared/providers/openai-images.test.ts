import assert from "node:assert/strict";
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

async function withOpenAi(handler: FakeHandler, run: (server: FakeServer) => Promise<void>): Promise<void> {
  const server = startFakeServer(handler);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/** The shape of a 200 from POST /v1/images/generations for a GPT Image model. */
async function gptImageAnswer(width = 8, height = 6) {
  return {
    created: 1_763_200_000,
    background: "opaque",
    output_format: "png",
    quality: "high",
    size: "1536x1024",
    data: [{ b64_json: await testPngBase64(width, height) }],
    usage: { total_tokens: 4260, input_tokens: 60, output_tokens: 4200 },
  };
}

Deno.test("gpt-image-2: POST /images/generations with the key and the validated settings", async () => {
  const answer = await gptImageAnswer(12, 8);
  await withOpenAi(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server);
    const result = await generator.generate({
      model: "openai",
      prompt: "A lighthouse at dusk",
      settings: { aspectRatio: "3:2", quality: "high", background: "opaque", style: "watercolor" },
    });
    const [request] = server.requests;
    assert.equal(request.method, "POST");
    assert.equal(request.path, "/v1/images/generations");
    assert.equal(request.headers.get("authorization"), `Bearer ${SECRETS.OPENAI_API_KEY}`);
    assert.equal(request.headers.get("content-type"), "application/json");
    assert.deepEqual(request.json, {
      model: "gpt-image-2",
      prompt: "A lighthouse at dusk\n\nStyle: a soft watercolour painting.",
      n: 1,
      size: "1536x1024",
      quality: "high",
      background: "opaque",
      output_format: "png",
    });
    assert.equal(result.model, "gpt-image-2");
    assert.equal(result.requestedModel, "openai");
    assert.equal(result.providerModel, "gpt-image-2");
    assert.equal(result.credits, 30);
    assert.equal(result.images.length, 1);
    assert.deepEqual([result.images[0].mimeType, result.images[0].width, result.images[0].height], [
      "image/png",
      12,
      8,
    ]);
    assert.deepEqual(result.images[0].bytes, await testPng(12, 8));
    assert.equal(result.metadata.size, "1536x1024");
    assert.deepEqual(result.metadata.usage, answer.usage);
  });
});

Deno.test("gpt-image-2 with a reference image: multipart POST /images/edits", async () => {
  const answer = await gptImageAnswer();
  const reference = await testPng(4, 4);
  await withOpenAi(() => Response.json(answer), async (server) => {
    const { generator } = testGenerator(server);
    await generator.generate({
      model: "gpt-image-1",
      prompt: "Make it a watercolour",
      referenceImage: { bytes: reference, mimeType: "image/png" },
    });
    const [request] = server.requests;
    assert.equal(request.path, "/v1/images/edits");
    assert.equal(request.headers.get("authorization"), `Bearer ${SECRETS.OPENAI_API_KEY}`);
    assert.match(request.headers.get("content-type") ?? "", /^multipart\/form-data; boundary=/);
    const form = request.form!;
    assert.equal(form.get("model"), "gpt-image-2");
    assert.equal(form.get("prompt"), "Make it a watercolour");
    assert.equal(form.get("size"), "1024x1024");
    assert.equal(form.get("quality"), "medium");
    assert.equal(form.get("output_format"), "png");
    assert.equal(form.get("n"), "1");
    const image = form.get("image");
    assert.ok(image instanceof File);
    assert.equal(image.type, "image/png");
    assert.deepEqual(new Uint8Array(await image.arrayBuffer()), reference);
  });
});

Deno.test("dall-e-3 on an endpoint that still serves it: size, quality, style, b64_json and the revised prompt", async () => {
  const png = await testPngBase64(16, 9);
  await withOpenAi(
    () =>
      Response.json({ created: 1, data: [{ b64_json: png, revised_prompt: "A detailed lighthouse..." }] }),
    async (server) => {
      const { generator } = testGenerator(server, { LEGACY_IMAGE_MODELS: "dall-e-3" });
      const result = await generator.generate({
        model: "dall-e-3",
        prompt: "A lighthouse",
        settings: { aspectRatio: "16:9", dalleQuality: "hd", dalleStyle: "natural" },
      });
      assert.deepEqual(server.requests[0].json, {
        model: "dall-e-3",
        prompt: "A lighthouse",
        n: 1,
        size: "1792x1024",
        quality: "hd",
        style: "natural",
        response_format: "b64_json",
      });
      assert.equal(result.revisedPrompt, "A detailed lighthouse...");
      assert.equal(result.credits, 12);
    },
  );
});

Deno.test("OpenAI's safety refusal is a 400 CONTENT_POLICY, not retried", async () => {
  const refusal = {
    error: {
      message:
        "Your request was rejected by the safety system. Your prompt may contain text that is not allowed.",
      type: "image_generation_user_error",
      param: null,
      code: "moderation_blocked",
    },
  };
  await withOpenAi(() => Response.json(refusal, { status: 400 }), async (server) => {
    const { generator, sleeps } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "openai", prompt: "something refused" }));
    assert.deepEqual([error.status, error.code], [400, "CONTENT_POLICY"]);
    assert.match(error.message, /OpenAI refused this request under its content policy/);
    assert.equal(error.details.providerCode, "moderation_blocked");
    assert.equal(server.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });
});

Deno.test("the older content_policy_violation code is a refusal too", async () => {
  const refusal = {
    error: {
      message: "This request has been blocked by our content filters.",
      type: "invalid_request_error",
      code: "content_policy_violation",
    },
  };
  await withOpenAi(() => Response.json(refusal, { status: 400 }), async (server) => {
    const { generator } = testGenerator(server);
    assert.equal(
      (await rejection(generator.generate({ model: "openai", prompt: "x" }))).code,
      "CONTENT_POLICY",
    );
  });
});

Deno.test("OpenAI's 401 is our 502 and the key it quotes back never reaches the client", async () => {
  const unauthorized = {
    error: {
      message:
        `Incorrect API key provided: ${SECRETS.OPENAI_API_KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      type: "invalid_request_error",
      param: null,
      code: "invalid_api_key",
    },
  };
  await withOpenAi(() => Response.json(unauthorized, { status: 401 }), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "openai", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assert.match(error.message, /OPENAI_API_KEY/);
    assertNoSecrets(error);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("a rejected parameter is a 502 that quotes OpenAI, with any key redacted", async () => {
  const invalid = {
    error: {
      message: `Invalid size for key ${SECRETS.OPENAI_API_KEY}: use 1024x1024`,
      type: "invalid_request_error",
      code: null,
    },
  };
  await withOpenAi(() => Response.json(invalid, { status: 400 }), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "openai", prompt: "x" }));
    assert.equal(error.status, 502);
    assert.match(error.message, /Invalid size for key \[redacted\]: use 1024x1024/);
    assertNoSecrets(error);
  });
});

Deno.test("429 with Retry-After is waited out and retried, then succeeds", async () => {
  const answer = await gptImageAnswer();
  await withOpenAi(
    (_, { index }) =>
      index === 0
        ? Response.json(
          {
            error: {
              message: "Rate limit reached for images per minute.",
              type: "requests",
              code: "rate_limit_exceeded",
            },
          },
          { status: 429, headers: { "retry-after": "1" } },
        )
        : Response.json(answer),
    async (server) => {
      const { generator, sleeps } = testGenerator(server);
      const result = await generator.generate({ model: "openai", prompt: "x" });
      assert.equal(result.images.length, 1);
      assert.equal(server.requests.length, 2);
      assert.deepEqual(sleeps, [1000]);
    },
  );
});

Deno.test("429 insufficient_quota is not retried: waiting will not refill the account", async () => {
  const quota = {
    error: {
      message: "You exceeded your current quota.",
      type: "insufficient_quota",
      code: "insufficient_quota",
    },
  };
  await withOpenAi(() => Response.json(quota, { status: 429 }), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "openai", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assert.match(error.message, /no quota/);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("500s are retried, then reported as 502", async () => {
  await withOpenAi(
    () =>
      Response.json({ error: { message: "The server had an error.", type: "server_error" } }, {
        status: 500,
      }),
    async (server) => {
      const { generator, sleeps } = testGenerator(server);
      const error = await rejection(generator.generate({ model: "openai", prompt: "x" }));
      assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
      assert.equal(server.requests.length, 3);
      assert.equal(sleeps.length, 2);
    },
  );
});

Deno.test("an OpenAI that never answers is a 504 within the configured timeout", async () => {
  await withOpenAi((_, { hang }) => hang(), async (server) => {
    const { generator } = testGenerator(server, {}, { timeoutsMs: { openai: 200 } });
    const started = performance.now();
    const error = await rejection(generator.generate({ model: "openai", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [504, "PROVIDER_TIMEOUT"]);
    assert.ok(performance.now() - started < 2000, "gave up in time");
    assert.equal(server.requests.length, 1, "a timed-out generation is not repeated");
  });
});

Deno.test("an answer without image data is a 502", async () => {
  await withOpenAi(() => Response.json({ created: 1, data: [] }), async (server) => {
    const { generator } = testGenerator(server);
    assert.equal((await rejection(generator.generate({ model: "openai", prompt: "x" }))).status, 502);
  });
  await withOpenAi(
    () => Response.json({ created: 1, data: [{ b64_json: btoa("not an image") }] }),
    async (server) => {
      const { generator } = testGenerator(server);
      assert.match(
        (await rejection(generator.generate({ model: "openai", prompt: "x" }))).message,
        /not a PNG/,
      );
    },
  );
});

import assert from "node:assert/strict";
import { bytesToDataUrl } from "./base64.ts";
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

const CREATE_PATH = "/v1/models/black-forest-labs/flux-2-pro/predictions";

async function withReplicate(
  handler: FakeHandler,
  run: (server: FakeServer) => Promise<void>,
): Promise<void> {
  const server = startFakeServer(handler);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

/** A prediction object as Replicate returns it. */
function prediction(origin: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    id: "ufawqhfynnddngldkgtslldrkq",
    model: "black-forest-labs/flux-2-pro",
    version: "hidden",
    input: { prompt: "A lighthouse" },
    logs: "",
    output: null,
    data_removed: false,
    error: null,
    status,
    created_at: "2026-11-15T12:00:00.000Z",
    urls: {
      cancel: `${origin}/v1/predictions/ufawqhfynnddngldkgtslldrkq/cancel`,
      get: `${origin}/v1/predictions/ufawqhfynnddngldkgtslldrkq`,
      stream: `${origin}/v1/stream/ufawqhfynnddngldkgtslldrkq`,
      web: "https://replicate.com/p/ufawqhfynnddngldkgtslldrkq",
    },
    ...extra,
  };
}

Deno.test("replicate: Prefer: wait answer still starting → polls urls.get until succeeded → downloads the output", async () => {
  const png = await testPng(20, 12);
  let polls = 0;
  await withReplicate((request, { origin }) => {
    if (request.method === "POST" && request.path === CREATE_PATH) {
      return Response.json(prediction(origin, "starting"), { status: 201 });
    }
    if (request.method === "GET" && request.path === "/v1/predictions/ufawqhfynnddngldkgtslldrkq") {
      polls++;
      if (polls === 1) return Response.json(prediction(origin, "processing"));
      return Response.json(
        prediction(origin, "succeeded", {
          output: `${origin}/delivery/xezq/out-0.png`,
          metrics: { predict_time: 4.2 },
        }),
      );
    }
    if (request.method === "GET" && request.path === "/delivery/xezq/out-0.png") {
      return new Response(png as BlobPart, { headers: { "content-type": "image/png" } });
    }
    return new Response("unexpected", { status: 404 });
  }, async (server) => {
    const { generator, sleeps } = testGenerator(server);
    const result = await generator.generate({
      model: "replicate",
      prompt: "A lighthouse",
      settings: { aspectRatio: "16:9", size: "2 MP", outputFormat: "png", style: "cinematic" },
    });
    const [create, poll1, poll2, download] = server.requests;
    assert.equal(create.method, "POST");
    assert.equal(create.path, CREATE_PATH);
    assert.equal(create.headers.get("authorization"), `Bearer ${SECRETS.REPLICATE_API_TOKEN}`);
    assert.equal(create.headers.get("prefer"), "wait");
    assert.deepEqual(create.json, {
      input: {
        prompt: "A lighthouse\n\nStyle: a cinematic film still with dramatic lighting.",
        aspect_ratio: "16:9",
        resolution: "2 MP",
        output_format: "png",
      },
    });
    for (const poll of [poll1, poll2]) {
      assert.equal(poll.method, "GET");
      assert.equal(poll.headers.get("authorization"), `Bearer ${SECRETS.REPLICATE_API_TOKEN}`);
    }
    assert.equal(download.path, "/delivery/xezq/out-0.png");
    assert.equal(download.headers.get("authorization"), null, "the token is not sent to the file CDN");
    assert.equal(server.requests.length, 4);
    assert.deepEqual(sleeps, [5, 5], "one poll interval before each poll");
    assert.equal(result.model, "flux-2-pro");
    assert.equal(result.providerModel, "black-forest-labs/flux-2-pro");
    assert.deepEqual(result.images[0].bytes, png);
    assert.deepEqual([result.images[0].width, result.images[0].height], [20, 12]);
    assert.equal(result.metadata.predictionId, "ufawqhfynnddngldkgtslldrkq");
    assert.equal(result.credits, 6);
  });
});

Deno.test("a prediction finished within the wait needs no polling; a reference image goes as a data URL", async () => {
  const png = await testPngBase64(6, 6);
  const reference = await testPng(4, 4);
  await withReplicate(
    (request, { origin }) =>
      request.path === CREATE_PATH
        ? Response.json(prediction(origin, "succeeded", { output: [`data:image/png;base64,${png}`] }), {
          status: 201,
        })
        : new Response("unexpected", { status: 404 }),
    async (server) => {
      const { generator } = testGenerator(server);
      const result = await generator.generate({
        model: "flux-2-pro",
        prompt: "Same dog, wearing a hat",
        referenceImage: { bytes: reference, mimeType: "image/png" },
      });
      assert.equal(server.requests.length, 1);
      const input = (server.requests[0].json as { input: Record<string, unknown> }).input;
      assert.deepEqual(input.input_images, [bytesToDataUrl(reference, "image/png")]);
      assert.equal(result.images[0].width, 6);
    },
  );
});

Deno.test("a prediction failed by the model's safety checker is a 400 CONTENT_POLICY", async () => {
  await withReplicate((_, { origin }) =>
    Response.json(
      prediction(origin, "failed", {
        error: "Content flagged as potentially sensitive. Please try again with different inputs. (E005)",
      }),
      { status: 201 },
    ), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "replicate", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [400, "CONTENT_POLICY"]);
    assert.match(String(error.details.providerMessage), /E005/);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("a prediction that failed for another reason is a 502", async () => {
  await withReplicate(
    (_, { origin }) =>
      Response.json(prediction(origin, "failed", { error: "CUDA out of memory" }), { status: 201 }),
    async (server) => {
      const { generator } = testGenerator(server);
      const error = await rejection(generator.generate({ model: "replicate", prompt: "x" }));
      assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    },
  );
});

Deno.test("Replicate's 401 is a 502 that leaks no token", async () => {
  await withReplicate(
    () =>
      Response.json({
        title: "Unauthenticated",
        detail: "You did not pass a valid authentication token",
        status: 401,
      }, {
        status: 401,
      }),
    async (server) => {
      const { generator } = testGenerator(server);
      const error = await rejection(generator.generate({ model: "replicate", prompt: "x" }));
      assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
      assert.match(error.message, /REPLICATE_API_TOKEN/);
      assertNoSecrets(error);
    },
  );
});

Deno.test("Replicate's 429 with Retry-After is retried after the wait, then succeeds", async () => {
  const png = await testPngBase64();
  await withReplicate((_, { index, origin }) =>
    index === 0
      ? Response.json(
        {
          title: "Request was throttled.",
          detail: "Request was throttled. Expected available in 1 second.",
          status: 429,
        },
        { status: 429, headers: { "retry-after": "1" } },
      )
      : Response.json(prediction(origin, "succeeded", { output: `data:image/png;base64,${png}` }), {
        status: 201,
      }), async (server) => {
    const { generator, sleeps } = testGenerator(server);
    const result = await generator.generate({ model: "replicate", prompt: "x" });
    assert.equal(result.images.length, 1);
    assert.deepEqual(sleeps, [1000]);
    assert.equal(server.requests.length, 2);
  });
});

Deno.test("Replicate's 402 (billing) is a 502 and is not retried", async () => {
  await withReplicate(
    () =>
      Response.json({ title: "Payment Required", detail: "You have insufficient credit.", status: 402 }, {
        status: 402,
      }),
    async (server) => {
      const { generator } = testGenerator(server);
      const error = await rejection(generator.generate({ model: "replicate", prompt: "x" }));
      assert.match(error.message, /no quota/);
      assert.equal(server.requests.length, 1);
    },
  );
});

Deno.test("Replicate 500 is retried, then a 502", async () => {
  await withReplicate(() => new Response("Internal Server Error", { status: 500 }), async (server) => {
    const { generator } = testGenerator(server);
    const error = await rejection(generator.generate({ model: "replicate", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [502, "PROVIDER_ERROR"]);
    assert.equal(server.requests.length, 3);
  });
});

Deno.test("a Replicate that never answers is a 504 within the configured timeout", async () => {
  await withReplicate((_, { hang }) => hang(), async (server) => {
    const { generator } = testGenerator(server, {}, { timeoutsMs: { replicate: 200 } });
    const started = performance.now();
    const error = await rejection(generator.generate({ model: "replicate", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [504, "PROVIDER_TIMEOUT"]);
    assert.ok(performance.now() - started < 2000);
    assert.equal(server.requests.length, 1);
  });
});

Deno.test("a prediction that runs past the wait limit is cancelled and answered 504", async () => {
  await withReplicate((request, { origin }) => {
    if (request.path.endsWith("/cancel")) return Response.json(prediction(origin, "canceled"));
    return Response.json(prediction(origin, "processing"), { status: request.method === "POST" ? 201 : 200 });
  }, async (server) => {
    const { generator } = testGenerator(server, {}, {
      tuning: { replicatePollIntervalMs: 5, replicateMaxWaitMs: 50 },
    });
    const error = await rejection(generator.generate({ model: "replicate", prompt: "x" }));
    assert.deepEqual([error.status, error.code], [504, "PROVIDER_TIMEOUT"]);
    const cancel = server.requests.at(-1)!;
    assert.equal(cancel.method, "POST");
    assert.equal(cancel.path, "/v1/predictions/ufawqhfynnddngldkgtslldrkq/cancel");
    assert.equal(cancel.headers.get("authorization"), `Bearer ${SECRETS.REPLICATE_API_TOKEN}`);
  });
});

Deno.test("a poll URL on another origin is not trusted with the token", async () => {
  const png = await testPngBase64();
  await withReplicate((request, { origin }) => {
    if (request.method === "POST") {
      return Response.json(
        {
          ...prediction(origin, "starting"),
          urls: { get: "http://127.0.0.2:9/steal", cancel: "http://127.0.0.2:9/cancel" },
        },
        { status: 201 },
      );
    }
    return Response.json(prediction(origin, "succeeded", { output: `data:image/png;base64,${png}` }));
  }, async (server) => {
    const { generator } = testGenerator(server);
    await generator.generate({ model: "replicate", prompt: "x" });
    assert.equal(server.requests[1].path, "/v1/predictions/ufawqhfynnddngldkgtslldrkq");
  });
});

// The Gemini vision adapter against a fake that speaks generateContent's request and response formats.
import assert from "node:assert/strict";
import { bytesToBase64 } from "../base64.ts";
import {
  assertNoSecrets,
  type FakeHandler,
  rejection,
  SECRETS,
  startFakeServer,
  testPng,
} from "../test-support.ts";
import { createGeminiVisionOrganiser, DEFAULT_GEMINI_VISION_MODEL } from "./gemini-vision.ts";
import { remainingAlbumTitle, type VisionImage } from "./vision.ts";
import { createVisionOrganiser } from "./vision-organiser.ts";

const ids = [
  "11111111-1111-4111-8111-111111111111",
  "22222222-2222-4222-8222-222222222222",
  "33333333-3333-4333-8333-333333333333",
];

async function images(): Promise<VisionImage[]> {
  const png = await testPng(4, 4);
  return [
    { id: ids[0], prompt: "Harbour at night", thumbnail: { bytes: png, mimeType: "image/png" } },
    { id: ids[1], prompt: "Boats at night", thumbnail: { bytes: png, mimeType: "image/png" } },
    { id: ids[2], prompt: "A cat on a sofa", thumbnail: null },
  ];
}

/** A 200 from generateContent whose one text part is `text`. */
function answer(text: string) {
  return {
    candidates: [{
      content: { role: "model", parts: [{ text }] },
      finishReason: "STOP",
      index: 0,
    }],
    usageMetadata: { promptTokenCount: 812, candidatesTokenCount: 96, totalTokenCount: 908 },
    modelVersion: DEFAULT_GEMINI_VISION_MODEL,
    responseId: "vision-resp-1",
  };
}

async function withGemini(
  handler: FakeHandler,
  run: (organiser: ReturnType<typeof createGeminiVisionOrganiser>, sleeps: number[]) => Promise<void>,
) {
  const server = startFakeServer(handler);
  const sleeps: number[] = [];
  const organiser = createGeminiVisionOrganiser({
    env: (name) =>
      ({ GOOGLE_AI_API_KEY: SECRETS.GOOGLE_AI_API_KEY, GOOGLE_AI_BASE_URL: server.origin })[name],
    timeoutMs: 2_000,
    random: () => 0,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  try {
    await run(organiser, sleeps);
  } finally {
    await server.close();
  }
  return server;
}

Deno.test("gemini vision: generateContent with inline images, ids and a JSON response schema", async () => {
  const albums = {
    albums: [
      { title: "Nocturnes", description: "The sea after dark.", imageIds: [ids[1], ids[0]] },
      { title: "House Cats", description: "Indoor companions.", imageIds: [ids[2]] },
    ],
  };
  const server = await withGemini(() => Response.json(answer(JSON.stringify(albums))), async (organiser) => {
    const result = await organiser.organiseIntoAlbums(await images());
    assert.deepEqual(result, albums);
  });
  const [request] = server.requests;
  assert.equal(request.method, "POST");
  assert.equal(request.path, `/v1beta/models/${DEFAULT_GEMINI_VISION_MODEL}:generateContent`);
  assert.equal(request.headers.get("x-goog-api-key"), SECRETS.GOOGLE_AI_API_KEY);
  const body = request.json as {
    contents: { role: string; parts: Record<string, unknown>[] }[];
    generationConfig: {
      responseMimeType: string;
      responseSchema: { type: string; properties: Record<string, unknown> };
    };
  };
  assert.equal(body.contents.length, 1);
  assert.equal(body.contents[0].role, "user");
  const [instructions, ...rest] = body.contents[0].parts;
  for (const id of ids) assert.ok(String(instructions.text).includes(id), `instructions list ${id}`);
  const png = bytesToBase64(await testPng(4, 4));
  assert.deepEqual(rest, [
    { text: `Image ${ids[0]}` },
    { inline_data: { mime_type: "image/png", data: png } },
    { text: `Image ${ids[1]}` },
    { inline_data: { mime_type: "image/png", data: png } },
    { text: `Image ${ids[2]}` },
  ]);
  assert.equal(body.generationConfig.responseMimeType, "application/json");
  assert.equal(body.generationConfig.responseSchema.type, "OBJECT");
  assert.deepEqual(Object.keys(body.generationConfig.responseSchema.properties), ["albums"]);
});

Deno.test("gemini vision: unknown ids dropped, repeats kept once, forgotten images collected", async () => {
  const text = JSON.stringify({
    albums: [
      { title: "Night", description: "Dark water.", imageIds: [ids[0], "made-up-id", ids[0]] },
      { title: "Ghosts", description: "Nothing real.", imageIds: ["another-made-up-id"] },
      { title: "Again", description: "A repeat.", imageIds: [ids[0]] },
    ],
  });
  await withGemini(() => Response.json(answer(text)), async (organiser) => {
    const result = await organiser.organiseIntoAlbums(await images());
    assert.deepEqual(result.albums.map((album) => [album.title, album.imageIds]), [
      ["Night", [ids[0]]],
      [remainingAlbumTitle, [ids[1], ids[2]]],
    ]);
  });
});

Deno.test("gemini vision: a 429 with Retry-After is waited out, then the answer is used", async () => {
  const albums = { albums: [{ title: "All", description: "Everything.", imageIds: ids }] };
  const server = await withGemini((_request, { index }) =>
    index === 0
      ? Response.json(
        { error: { code: 429, message: "Resource has been exhausted.", status: "RESOURCE_EXHAUSTED" } },
        { status: 429, headers: { "retry-after": "3" } },
      )
      : Response.json(answer(JSON.stringify(albums))), async (organiser, sleeps) => {
    const result = await organiser.organiseIntoAlbums(await images());
    assert.deepEqual(result, albums);
    assert.deepEqual(sleeps, [3000]);
  });
  assert.equal(server.requests.length, 2);
});

Deno.test("gemini vision: malformed JSON in the answer is an error, not a guess", async () => {
  await withGemini(() => Response.json(answer('{"albums": [{"title": "Half')), async (organiser) => {
    const error = await rejection(organiser.organiseIntoAlbums(await images()));
    assert.equal(error.status, 502);
    assert.equal(error.code, "PROVIDER_ERROR");
    assert.match(error.message, /not valid JSON/);
  });
});

Deno.test("gemini vision: an answer naming none of the images, or off the schema, is an error", async () => {
  const ghosts = JSON.stringify({ albums: [{ title: "Ghosts", description: "", imageIds: ["nope"] }] });
  await withGemini(() => Response.json(answer(ghosts)), async (organiser) => {
    const error = await rejection(organiser.organiseIntoAlbums(await images()));
    assert.match(error.message, /no album holds any of the images/);
  });
  await withGemini(() => Response.json(answer(JSON.stringify({ groups: [] }))), async (organiser) => {
    const error = await rejection(organiser.organiseIntoAlbums(await images()));
    assert.match(error.message, /does not follow the album schema/);
  });
});

Deno.test("gemini vision: a 500 is retried, then fails with the provider error and no key in it", async () => {
  const server = await withGemini(
    () =>
      Response.json({
        error: { code: 500, message: `internal ${SECRETS.GOOGLE_AI_API_KEY}`, status: "INTERNAL" },
      }, {
        status: 500,
      }),
    async (organiser, sleeps) => {
      const error = await rejection(organiser.organiseIntoAlbums(await images()));
      assert.equal(error.status, 502);
      assert.equal(error.code, "PROVIDER_ERROR");
      assertNoSecrets(error);
      assert.equal(sleeps.length, 2);
    },
  );
  assert.equal(server.requests.length, 3);
});

Deno.test("the Google AI key picks Gemini; without it the offline organiser runs", () => {
  assert.equal(createVisionOrganiser({ env: () => undefined }).provider, "local");
  assert.equal(
    createVisionOrganiser({ env: (name) => name === "GOOGLE_AI_API_KEY" ? "key" : undefined }).provider,
    "google",
  );
});

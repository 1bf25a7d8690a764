// The Veo adapter against a fake speaking the Gemini API's long-running operation format.
import assert from "node:assert/strict";
import { ApiError } from "../http/errors.ts";
import { createVeoClient, veoClipSeconds, VeoOperationFailed } from "./veo.ts";

const key = "AIza-unit-test-key-0123456789";
const base = "https://veo.fake.test";
const signal = new AbortController().signal;

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

function fakeGoogle(answers: ((request: Seen) => Response)[]) {
  const seen: Seen[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request: Seen = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    seen.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${request.method} ${request.url}`);
    return await Promise.resolve(answer(request));
  };
  const client = createVeoClient({
    env: (name) =>
      ({ GOOGLE_AI_API_KEY: key, GOOGLE_AI_BASE_URL: base, VEO_MODEL: "veo-2.0-generate-001" } as Record<
        string,
        string
      >)[name],
    fetch,
    sleep: () => Promise.resolve(),
    pollIntervalMs: 1,
  });
  return { client, seen };
}

const operation = "models/veo-2.0-generate-001/operations/abc123";

Deno.test("start posts the image and prompt to predictLongRunning and returns the operation name", async () => {
  const { client, seen } = fakeGoogle([() => Response.json({ name: operation })]);
  const name = await client.start({
    image: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    mimeType: "image/png",
    prompt: "gentle motion",
    durationSeconds: 3,
    signal,
  });
  assert.equal(name, operation);
  assert.equal(seen[0].url, `${base}/v1beta/models/veo-2.0-generate-001:predictLongRunning`);
  assert.equal(seen[0].method, "POST");
  assert.equal(seen[0].headers.get("x-goog-api-key"), key);
  assert.deepEqual(seen[0].body, {
    instances: [{
      prompt: "gentle motion",
      image: { bytesBase64Encoded: "iVBORw==", mimeType: "image/png" },
    }],
    parameters: { aspectRatio: "16:9", durationSeconds: 5, sampleCount: 1 },
  });
});

Deno.test("wait polls GET {base}/v1beta/{name} until done and returns the first sample's URI", async () => {
  const uri = `${base}/v1beta/files/xyz:download?alt=media`;
  const { client, seen } = fakeGoogle([
    () => Response.json({ name: operation, done: false }),
    () =>
      Response.json(
        {
          error: {
            code: 429,
            status: "RESOURCE_EXHAUSTED",
            message: "slow down",
            details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1s" }],
          },
        },
        { status: 429 },
      ),
    () => Response.json({ name: operation, done: false }),
    () =>
      Response.json({
        name: operation,
        done: true,
        response: { generateVideoResponse: { generatedSamples: [{ video: { uri } }] } },
      }),
  ]);
  assert.equal(await client.wait(operation, signal), uri);
  assert.equal(seen.length, 4, "a rate-limited poll is retried");
  assert.ok(
    seen.every((request) => request.url === `${base}/v1beta/${operation}` && request.method === "GET"),
  );
});

Deno.test("an operation done with an error, or with its video withheld, fails for good with the reason", async () => {
  const failed = fakeGoogle([
    () => Response.json({ name: operation, done: true, error: { code: 3, message: "Unsupported image." } }),
  ]);
  await assert.rejects(() => failed.client.wait(operation, signal), (error) => {
    assert.ok(error instanceof VeoOperationFailed);
    assert.match(error.message, /Unsupported image/);
    return true;
  });
  const filtered = fakeGoogle([() =>
    Response.json({
      name: operation,
      done: true,
      response: {
        generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: ["Celebrity likeness"] },
      },
    })]);
  await assert.rejects(() => filtered.client.wait(operation, signal), /content policy: Celebrity likeness/);
});

Deno.test("a refused start is an ApiError without the key in it; a malformed operation name is not polled", async () => {
  const { client } = fakeGoogle([() =>
    Response.json({
      error: { code: 400, status: "INVALID_ARGUMENT", message: `bad request for key ${key}` },
    }, { status: 400 })]);
  await assert.rejects(
    () =>
      client.start({
        image: new Uint8Array([1]),
        mimeType: "image/png",
        prompt: "p",
        durationSeconds: 8,
        signal,
      }),
    (error) => {
      assert.ok(error instanceof ApiError);
      assert.doesNotMatch(
        JSON.stringify({ message: error.message, details: error.details }),
        new RegExp(key),
      );
      return true;
    },
  );
  await assert.rejects(() => client.wait("../../etc/passwd", signal), VeoOperationFailed);
});

Deno.test("the video is downloaded with the key only from the API's own host", async () => {
  const { client, seen } = fakeGoogle([
    () => new Response(new Uint8Array([0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70])),
  ]);
  const bytes = await client.download(`${base}/v1beta/files/xyz:download?alt=media`, signal);
  assert.equal(bytes.length, 8);
  assert.equal(seen[0].headers.get("x-goog-api-key"), key);
  await assert.rejects(() => client.download("https://attacker.test/steal", signal), VeoOperationFailed);
  assert.equal(seen.length, 1, "nothing was sent to the other host");
});

Deno.test("Veo clips are 5–8 s: shorter or longer requests ask for the nearest", () => {
  assert.deepEqual([1, 5, 6.4, 8, 10].map(veoClipSeconds), [5, 5, 6, 8, 8]);
});

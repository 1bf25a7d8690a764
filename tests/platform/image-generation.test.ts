// The image-generation function end to end on the local platform (in-process, so the test can
// look at the database), with the offline `local` provider and a fake OpenAI for failures.
import assert from "node:assert/strict";
import {
  callFunction,
  expectError,
  expectJson,
  type SignedUpUser,
  signUpUser,
  startTestPlatform,
  stopPlatformAfterTests,
} from "../support/functions.ts";

const fakeOpenAi = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
  await request.body?.cancel();
  return Response.json(
    {
      error: {
        code: "moderation_blocked",
        message: "Your request was rejected as a result of our safety system.",
        type: "image_generation_user_error",
      },
    },
    { status: 400 },
  );
});

const { platform, dataDir } = await startTestPlatform("personify-generation-", {
  env: { OPENAI_API_KEY: "sk-test-key", OPENAI_BASE_URL: `http://127.0.0.1:${fakeOpenAi.addr.port}/v1` },
});

const signedInUser = () => signUpUser(platform, { emailPrefix: "gen" });

function generate(user: SignedUpUser | undefined, body: unknown, headers: Record<string, string> = {}) {
  return callFunction(platform, user, "image-generation", "POST", "", body, headers);
}

/** What a user has in the database and in storage: nothing may change on a refused request. */
async function footprint(userId: string) {
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ images: number; ledger: number; balance: number; events: number; objects: number }>(
      `select (select count(*)::int from public.images where user_id = $1) as images,
              (select count(*)::int from public.credit_ledger where user_id = $1) as ledger,
              (select coalesce(sum(amount), 0)::int from public.credit_ledger where user_id = $1) as balance,
              (select count(*)::int from public.usage_analytics where user_id = $1 and success) as events,
              (select count(*)::int from storage.objects where bucket_id = 'images' and name like $1 || '/%') as objects`,
      [userId],
    )
  );
  return row;
}

Deno.test("a local generation stores a row, two objects, an analytics event and debits the ledger", async () => {
  const user = await signedInUser();
  const response = await generate(user, {
    prompt: "Professional portrait of [FIRSTNAME] from [COMPANY]",
    model: "local",
    tokens: { FIRSTNAME: "John", COMPANY: "Acme Corp" },
    settings: { aspectRatio: "16:9" },
  });
  const result = await response.json();
  assert.equal(response.status, 200, JSON.stringify(result));
  assert.equal(result.requestedModel, "local");
  assert.equal(result.model, "local-render", "the response says which model ran");
  assert.equal(result.cost, 1);
  assert.equal(result.balance, 99);
  assert.equal(result.resolvedPrompt, "Professional portrait of John from Acme Corp");
  assert.ok(result.width > result.height, "16:9 is landscape");

  const [row] = await platform.db.asOwner((tx) =>
    tx.query<Record<string, unknown>>("select * from public.images where id = $1", [result.imageId])
  );
  assert.equal(row.user_id, user.id);
  assert.equal(row.prompt, "Professional portrait of [FIRSTNAME] from [COMPANY]");
  assert.equal(row.resolved_prompt, "Professional portrait of John from Acme Corp");
  assert.deepEqual(row.tokens, { FIRSTNAME: "John", COMPANY: "Acme Corp" });
  assert.equal(row.cost, 1);
  assert.deepEqual(await footprint(user.id), { images: 1, ledger: 2, balance: 99, events: 1, objects: 2 });

  const image = new Uint8Array(await (await fetch(result.imageUrl)).arrayBuffer());
  assert.deepEqual([...image.slice(1, 4)], [0x50, 0x4e, 0x47], "the original is a PNG");
  const thumbnail = new Uint8Array(await (await fetch(result.thumbnailUrl)).arrayBuffer());
  assert.equal(new TextDecoder().decode(thumbnail.slice(8, 12)), "WEBP");
});

Deno.test("the same call streams its stages as server-sent events", async () => {
  const user = await signedInUser();
  const response = await generate(user, { prompt: "A lighthouse at dusk" }, { accept: "text/event-stream" });
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /text\/event-stream/);
  const text = await response.text();
  const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n\n/g)].map((match) => ({
    event: match[1],
    data: JSON.parse(match[2]),
  }));
  assert.deepEqual(events.filter((e) => e.event === "stage").map((e) => e.data.stage), [
    "validating",
    "generating",
    "storing",
  ]);
  const done = events.at(-1)!;
  assert.equal(done.event, "done");
  assert.ok(done.data.imageId);
});

Deno.test("a provider refusal is a clear 400 that leaves the ledger whole and no objects behind", async () => {
  const user = await signedInUser();
  const before = await footprint(user.id);
  const body = await expectError(
    await generate(user, { prompt: "Something refused", model: "openai" }),
    400,
    "CONTENT_POLICY",
  );
  assert.doesNotMatch(JSON.stringify(body), /sk-test-key/);
  const after = await footprint(user.id);
  assert.equal(after.balance, before.balance);
  assert.equal(after.images, 0);
  assert.equal(after.objects, 0);
  const [failure] = await platform.db.asOwner((tx) =>
    tx.query<{ error_code: string }>(
      "select error_code from public.usage_analytics where user_id = $1 and event_type = 'image.generation_failed'",
      [user.id],
    )
  );
  assert.equal(failure.error_code, "CONTENT_POLICY");
});

Deno.test("bad input gets a clear 4xx and writes nothing", async (t) => {
  const user = await signedInUser();
  const before = await footprint(user.id);
  const cases: Array<[string, unknown, number, string, RegExp?]> = [
    ["unknown model", { prompt: "x", model: "dalle-9000" }, 400, "VALIDATION_ERROR", /local/],
    [
      "setting invalid for the model",
      { prompt: "x", model: "local", settings: { aspectRatio: "7:3" } },
      400,
      "VALIDATION_ERROR",
      /1:1/,
    ],
    [
      "prompt over 2,000 characters after resolution",
      { prompt: "[LONG] [LONG] [LONG] [LONG] [LONG]", tokens: { LONG: "y".repeat(450) } },
      400,
      "VALIDATION_ERROR",
      /2000/,
    ],
    ["missing token without fallback", { prompt: "Hi [FIRSTNAME]" }, 400, "VALIDATION_ERROR", /FIRSTNAME/],
    [
      "non-string token value",
      { prompt: "Hi [AGE]", tokens: { AGE: 42 } },
      400,
      "VALIDATION_ERROR",
      /tokens/,
    ],
    [
      "reference image that is not an image",
      { prompt: "x", referenceImage: `data:image/png;base64,${btoa("hello, not a png")}` },
      400,
      "VALIDATION_ERROR",
      /PNG/,
    ],
    [
      "reference image over 10 MB",
      { prompt: "x", referenceImage: `data:image/png;base64,${"A".repeat(14_200_000)}` },
      413,
      "PAYLOAD_TOO_LARGE",
    ],
    ["malformed JSON", "{ prompt: ", 400, "INVALID_JSON"],
  ];
  for (const [name, body, status, code, message] of cases) {
    await t.step(name, async () => {
      const error = await expectError(await generate(user, body), status, code);
      if (message) assert.match(error.error, message);
    });
  }
  assert.deepEqual(await footprint(user.id), before);
});

Deno.test("a NUL in the prompt is a 400 that reserves no credit and writes no ledger row", async () => {
  const user = await signedInUser();
  const before = await footprint(user.id);
  for (const headers of [{}, { accept: "text/event-stream" }] as Record<string, string>[]) {
    const error = await expectError(
      await generate(user, { prompt: "A cat\u0000 on a mat" }, headers),
      400,
      "VALIDATION_ERROR",
    );
    assert.match(error.error, /prompt/);
  }
  assert.deepEqual(await footprint(user.id), before);
  const [{ rows }] = await platform.db.asOwner((tx) =>
    tx.query<{ rows: number }>(
      "select count(*)::int as rows from public.credit_ledger where user_id = $1 and reason in ('generation', 'refund')",
      [user.id],
    )
  );
  assert.equal(rows, 0);
});

Deno.test("no auth is a 401", async () => {
  await expectError(await generate(undefined, { prompt: "x" }), 401, "UNAUTHORIZED");
});

Deno.test("no credits left is a 402, and the 101st request in a minute is a 429", async () => {
  const user = await signedInUser();
  for (let request = 1; request <= 100; request++) {
    const response = await generate(user, { prompt: `Tile number ${request}` });
    assert.equal(response.status, 200, `request ${request}: ${await response.clone().text()}`);
    await response.body?.cancel();
  }
  assert.equal((await footprint(user.id)).balance, 0);
  const limited = await generate(user, { prompt: "one too many" });
  await expectError(limited, 429, "RATE_LIMITED");
  assert.ok(Number(limited.headers.get("retry-after")) >= 1);

  await platform.db.asService((tx) =>
    tx.query("delete from private.rate_limit_hits where bucket = $1", [`image-generation:${user.id}`])
  );
  const broke = await expectError(
    await generate(user, { prompt: "no credits" }),
    402,
    "INSUFFICIENT_CREDITS",
  );
  assert.deepEqual(broke.details, { balance: 0, required: 1 });
});

Deno.test("the models route lists the catalog for the page", async () => {
  const user = await signedInUser();
  const body = await expectJson(
    await callFunction(platform, user, "image-generation", "GET", "/models"),
    200,
  );
  assert.ok(body.models.some((model: { id: string }) => model.id === "local-render"));
});

stopPlatformAfterTests(platform, { servers: [fakeOpenAi], directories: [dataDir] });

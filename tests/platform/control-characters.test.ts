// A NUL (U+0000) or another control character in any text field is refused by the function's
// contract with a 400 before anything is written or reserved. Postgres cannot store U+0000, so
// without this such a request reached the database and failed there with a 500 (on PostgreSQL)
// after, for image generation, a credit had been reserved and refunded. Runs on PGlite and, with
// DATABASE_URL, on PostgreSQL.
import assert from "node:assert/strict";
import {
  callFunction,
  expectError,
  expectJson,
  signUpUser,
  startTestPlatform,
  stopPlatformAfterTests,
} from "../support/functions.ts";

const { platform, dataDir } = await startTestPlatform("personify-control-characters-");

const nul = "\u0000";
const bell = "\u0007";

/** Every row that is the user's, in every table that has a user_id, plus their profile as it reads. */
async function footprint(userId: string): Promise<Record<string, unknown>> {
  return await platform.db.asOwner(async (tx) => {
    const tables = await tx.query<{ schema: string; name: string }>(
      `select c.table_schema as schema, c.table_name as name from information_schema.columns c
         join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.column_name = 'user_id' and c.table_schema in ('public', 'private') and t.table_type = 'BASE TABLE'
        order by 1, 2`,
    );
    const counts: Record<string, unknown> = {};
    for (const table of tables) {
      const [row] = await tx.query<{ count: number }>(
        `select count(*)::int as count from "${table.schema}"."${table.name}" where user_id = $1`,
        [userId],
      );
      counts[`${table.schema}.${table.name}`] = row.count;
    }
    const [profile] = await tx.query<{ digest: string }>(
      "select md5(p::text) as digest from public.profiles p where p.id = $1",
      [userId],
    );
    counts.profile = profile?.digest;
    const [jobs] = await tx.query<{ count: number }>("select count(*)::int as count from private.jobs");
    counts.jobs = jobs.count;
    return counts;
  });
}

async function setUp() {
  const user = await signUpUser(platform, { emailPrefix: "control-characters" });
  const album = await expectJson(
    await callFunction(platform, user, "albums", "POST", "", { title: "Holiday" }),
    201,
  );
  const tokenSet = await expectJson(
    await callFunction(platform, user, "personalization-tokens", "POST", "", {
      name: "Team",
      tokens: { FIRSTNAME: "Ada" },
    }),
    201,
  );
  return { user, albumId: album.album.id as string, tokenSetId: tokenSet.tokenSet.id as string };
}

interface Case {
  what: string;
  fn: string;
  method: string;
  path?: string;
  body?: unknown;
}

function casesFor(albumId: string, tokenSetId: string): Case[] {
  const csv = (cell: string) => `FIRSTNAME,COMPANY\nAda,${cell}\n`;
  const batch = (override: Record<string, unknown>) => ({
    csv: csv("Acme"),
    prompt: "A poster for [FIRSTNAME] at [COMPANY]",
    ...override,
  });
  const cases: Case[] = [];
  for (const character of [nul, bell]) {
    const c = JSON.stringify(character);
    cases.push(
      { what: `prompt ${c}`, fn: "image-generation", method: "POST", body: { prompt: `A cat${character}` } },
      {
        what: `token value ${c}`,
        fn: "image-generation",
        method: "POST",
        body: { prompt: "Hi [FIRSTNAME]", tokens: { FIRSTNAME: `A${character}da` } },
      },
      {
        what: `model ${c}`,
        fn: "image-generation",
        method: "POST",
        body: { prompt: "A cat", model: `x${character}` },
      },
      { what: `album title ${c}`, fn: "albums", method: "POST", body: { title: `Trip${character}` } },
      {
        what: `album description ${c}`,
        fn: "albums",
        method: "POST",
        body: { title: "Trip", description: `So${character}` },
      },
      {
        what: `album rename ${c}`,
        fn: "albums",
        method: "PATCH",
        path: `/${albumId}`,
        body: { title: `A${character}` },
      },
      {
        what: `token-set name ${c}`,
        fn: "personalization-tokens",
        method: "POST",
        body: { name: `Team${character}`, tokens: { FIRSTNAME: "Ada" } },
      },
      {
        what: `token-set rename ${c}`,
        fn: "personalization-tokens",
        method: "PATCH",
        path: `/${tokenSetId}`,
        body: { name: `B${character}` },
      },
      {
        what: `batch CSV cell ${c}`,
        fn: "batch",
        method: "POST",
        body: batch({ csv: csv(`Ac${character}me`) }),
      },
      {
        what: `batch preview CSV cell ${c}`,
        fn: "batch",
        method: "POST",
        path: "/preview",
        body: batch({ csv: csv(`A${character}`) }),
      },
      { what: `batch name ${c}`, fn: "batch", method: "POST", body: batch({ name: `List${character}` }) },
      {
        what: `batch filename ${c}`,
        fn: "batch",
        method: "POST",
        body: batch({ filename: `list${character}.csv` }),
      },
      {
        what: `batch prompt ${c}`,
        fn: "batch",
        method: "POST",
        body: batch({ prompt: `Hi [FIRSTNAME]${character}` }),
      },
      {
        what: `gallery q ${c}`,
        fn: "gallery",
        method: "GET",
        path: `?q=${encodeURIComponent(`ca${character}t`)}`,
      },
      {
        what: `gallery model ${c}`,
        fn: "gallery",
        method: "GET",
        path: `?model=${encodeURIComponent(character)}`,
      },
      {
        what: `upload file name ${c}`,
        fn: "gallery",
        method: "POST",
        path: "/uploads",
        body: { fileName: `me${character}.png`, contentType: "image/png", size: 100 },
      },
      { what: `display name ${c}`, fn: "account", method: "PATCH", body: { displayName: `Ada${character}` } },
    );
  }
  return cases;
}

Deno.test("a control character in any text field is a 400 that writes and reserves nothing", async () => {
  const { user, albumId, tokenSetId } = await setUp();
  const before = await footprint(user.id);
  const failures: string[] = [];
  for (const testCase of casesFor(albumId, tokenSetId)) {
    const response = await callFunction(
      platform,
      user,
      testCase.fn,
      testCase.method,
      testCase.path ?? "",
      testCase.body,
    );
    const body = await response.json();
    // Refused for the character, not for something else that happens to be wrong with the request.
    if (
      response.status !== 400 || body.code !== "VALIDATION_ERROR" || !/control character/i.test(body.error)
    ) {
      failures.push(`${testCase.what}: ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
    }
  }
  assert.deepEqual(failures, []);
  assert.deepEqual(await footprint(user.id), before);
  const valid = await callFunction(platform, user, "batch", "POST", "/preview", {
    csv: "FIRSTNAME,COMPANY\nAda,Acme\n",
    prompt: "A poster for [FIRSTNAME] at [COMPANY]",
  });
  assert.equal(
    (await expectJson(valid, 200)).valid,
    true,
    "the batch cases differ from a valid request only by the character",
  );
});

Deno.test("the service keeps serving after them: the same fields without control characters work", async () => {
  const { user, albumId } = await setUp();
  await expectError(
    await callFunction(platform, user, "albums", "POST", "", { title: `a${nul}` }),
    400,
    "VALIDATION_ERROR",
  );
  const renamed = await expectJson(
    await callFunction(platform, user, "albums", "PATCH", `/${albumId}`, {
      title: "Line one",
      description: "Two\nlines\tand a tab",
    }),
    200,
  );
  assert.equal(renamed.album.description, "Two\nlines\tand a tab");
  const image = await expectJson(
    await callFunction(platform, user, "image-generation", "POST", "", { prompt: "A lighthouse\nat dusk" }),
    200,
  );
  assert.equal(typeof image.imageId, "string");
});

stopPlatformAfterTests(platform, { directories: [dataDir] });

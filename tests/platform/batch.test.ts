// The batch function end to end on the local platform (in-process, so the test can look at the
// database), its rows worked by the platform's own job worker with the offline `local` provider.
import assert from "node:assert/strict";
import { testPngBase64 } from "../../supabase/functions/_shared/providers/test-support.ts";
import { loadAuthConfig } from "../../supabase/local/auth/auth-config.ts";
import {
  callFunction,
  expectError,
  expectJson,
  type SignedUpUser,
  signUpUser,
  startTestPlatform,
  stopPlatformAfterTests,
} from "../support/functions.ts";

// A fake OpenAI that refuses any prompt about "forbidden" things and draws everything else.
const fakePng = await testPngBase64(64, 64);
const fakeOpenAi = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
  const body = await request.json();
  if (String(body.prompt).includes("forbidden")) {
    return Response.json({
      error: {
        code: "moderation_blocked",
        message: "Rejected by the safety system.",
        type: "image_generation_user_error",
      },
    }, { status: 400 });
  }
  return Response.json({ created: 1, data: [{ b64_json: fakePng }] });
});

const { platform, dataDir } = await startTestPlatform("personify-batch-", {
  env: {
    LOCAL_IMAGE_LATENCY_MS: "20",
    OPENAI_API_KEY: "sk-test-key",
    OPENAI_BASE_URL: `http://127.0.0.1:${fakeOpenAi.addr.port}/v1`,
  },
  jobWorker: { pollIntervalMs: 50 },
});

const signedInUser = () => signUpUser(platform, { emailPrefix: "batch" });

type User = SignedUpUser;

const call = (user: User, method: string, path: string, body?: unknown) =>
  callFunction(platform, user, "batch", method, path, body);

function contactsCsv(rows: number, extra: (index: number) => string[] = () => []) {
  const lines = ["firstname,company,notes"];
  for (let index = 1; index <= rows; index++) {
    lines.push([`Person${index}`, `Company ${index}`, ...extra(index)].join(","));
  }
  return lines.join("\n") + "\n";
}

const prompt = "Portrait of [FIRSTNAME] from [COMPANY], studio light";

async function createBatch(user: User, csv: string, extra: Record<string, unknown> = {}) {
  const body = await expectJson(
    await call(user, "POST", "", { csv, prompt, model: "local", filename: "contacts.csv", ...extra }),
    201,
  );
  return body.batch.id as string;
}

async function waitForBatch(
  user: User,
  id: string,
  done: (batch: Record<string, unknown>) => boolean,
  seconds = 60,
) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const { batch } = await expectJson(await call(user, "GET", `/${id}`), 200);
    if (done(batch)) return batch;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`batch ${id} did not get there in ${seconds} s`);
}

async function footprint(userId: string) {
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<
      { batches: number; items: number; images: number; jobs: number; balance: number; debits: number }
    >(
      `select (select count(*)::int from public.batch_jobs where user_id = $1) as batches,
              (select count(*)::int from public.batch_items where user_id = $1) as items,
              (select count(*)::int from public.images where user_id = $1) as images,
              (select count(*)::int from private.jobs where user_id = $1) as jobs,
              (select coalesce(sum(amount), 0)::int from public.credit_ledger where user_id = $1) as balance,
              (select count(*)::int from public.credit_ledger where user_id = $1 and reason = 'batch_row') as debits`,
      [userId],
    )
  );
  return row;
}

async function setBalance(userId: string, balance: number) {
  const { balance: current } = await footprint(userId);
  if (current === balance) return;
  await platform.db.asService((tx) =>
    tx.query(
      "insert into public.credit_ledger (user_id, amount, reason, description) values ($1, $2, 'admin_adjustment', 'test')",
      [userId, balance - current],
    )
  );
}

Deno.test("preview validates, resolves the first rows and estimates the cost, writing nothing", async () => {
  const user = await signedInUser();
  const csv = "\uFEFFfirstname;company\nAda;Acme\n;Navy\n";
  const report = await expectJson(await call(user, "POST", "/preview", { csv, prompt, model: "local" }), 200);
  assert.equal(report.valid, false);
  assert.equal(report.delimiter, ";");
  assert.deepEqual(report.issues.map((issue: { row: number }) => issue.row), [2]);
  assert.equal(report.preview[0].resolvedPrompt, "Portrait of Ada from Acme, studio light");
  assert.deepEqual(report.estimate, {
    model: "local-render",
    costPerRow: 1,
    totalCost: 2,
    balance: 100,
    sufficient: true,
  });
  assert.deepEqual(await footprint(user.id), {
    batches: 0,
    items: 0,
    images: 0,
    jobs: 0,
    balance: 100,
    debits: 0,
  });
});

Deno.test("create → start → every row done with an image and one debit; status, items and downloads", async () => {
  const user = await signedInUser();
  const csv = contactsCsv(12, (index) => [index === 3 ? "=cmd|' /C calc'!A0" : `note ${index}`]);
  const id = await createBatch(user, csv);
  const draft = await expectJson(await call(user, "GET", `/${id}`), 200);
  assert.equal(draft.batch.status, "draft");
  assert.equal(draft.batch.totalRows, 12);
  assert.equal((await footprint(user.id)).debits, 0, "nothing is spent before start");

  await expectJson(await call(user, "POST", `/${id}/start`), 200);
  const done = await waitForBatch(user, id, (batch) => batch.status === "completed");
  assert.deepEqual(done.counts, { queued: 0, running: 0, succeeded: 12, failed: 0, cancelled: 0 });
  assert.equal(done.spentCredits, 12);
  assert.deepEqual(await footprint(user.id), {
    batches: 1,
    items: 12,
    images: 12,
    jobs: 12,
    balance: 88,
    debits: 12,
  });
  const [perRow] = await platform.db.asOwner((tx) =>
    tx.query<{ rows: number }>(
      `select count(*)::int as rows from public.batch_items i
        where i.batch_id = $1 and i.image_id = i.id
          and (select count(*) from public.credit_ledger l where l.reference_id = i.id::text and l.reason = 'batch_row') = 1`,
      [id],
    )
  );
  assert.equal(perRow.rows, 12, "each row has its own image and exactly one debit");

  const first = await expectJson(await call(user, "GET", `/${id}/items?limit=5`), 200);
  assert.deepEqual(first.items.map((item: { rowNumber: number }) => item.rowNumber), [1, 2, 3, 4, 5]);
  assert.equal(first.nextCursor, 5);
  const rest = await expectJson(await call(user, "GET", `/${id}/items?after=5&limit=100`), 200);
  assert.equal(rest.items.length, 7);
  assert.equal(rest.nextCursor, null);
  const thumbnail = new Uint8Array(await (await fetch(first.items[0].thumbnailUrl)).arrayBuffer());
  assert.equal(new TextDecoder().decode(thumbnail.slice(8, 12)), "WEBP");

  const csvResponse = await call(user, "GET", `/${id}/results.csv`);
  assert.equal(csvResponse.status, 200);
  assert.match(csvResponse.headers.get("content-disposition") ?? "", /results\.csv/);
  const results = (await csvResponse.text()).trimEnd().split("\r\n");
  assert.equal(
    results[0],
    "row_number,firstname,company,notes,resolved_prompt,status,error,image_url,cost,model",
  );
  assert.equal(results.length, 13);
  assert.ok(
    results[3].startsWith(
      `3,Person3,Company 3,'=cmd|' /C calc'!A0,"Portrait of Person3 from Company 3, studio light",succeeded,,http`,
    ),
  );
  assert.ok(results[3].endsWith(",1,local-render"));
  // The link opens the owner's image in the app (it never expires); its original is a PNG.
  const imageLink = new URL(/,(http[^,]+),1,local-render$/.exec(results[1])![1]);
  const imageId = imageLink.searchParams.get("image");
  const download = await expectJson(
    await callFunction(platform, user, "gallery", "GET", `/${imageId}/download`),
    200,
  );
  const image = new Uint8Array(await (await fetch(download.url)).arrayBuffer());
  assert.deepEqual([...image.slice(1, 4)], [0x50, 0x4e, 0x47]);

  const zipResponse = await call(user, "GET", `/${id}/images.zip`);
  assert.equal(zipResponse.headers.get("content-type"), "application/zip");
  const zipPath = `${dataDir}/images.zip`;
  await Deno.writeFile(zipPath, new Uint8Array(await zipResponse.arrayBuffer()));
  const listing = await new Deno.Command("unzip", { args: ["-t", zipPath], stdout: "piped" }).output();
  const text = new TextDecoder().decode(listing.stdout);
  assert.ok(listing.success, text);
  assert.equal([...text.matchAll(/testing: row-\d\d\.png\s+OK/g)].length, 12, text);
  assert.match(text, /row-01\.png/);
});

Deno.test("the results CSV opens right in Excel and links to the gallery; ZIP entries take a column's names", async () => {
  const owner = await signedInUser();
  const other = await signedInUser();
  const csv = "name,city\nJosé Núñez,Sevilla\n李雷,北京\n../../etc,Ada\n";
  const id = await createBatch(owner, csv, { prompt: "Portrait of [NAME] in [CITY]" });
  await expectJson(await call(owner, "POST", `/${id}/start`), 200);
  await waitForBatch(owner, id, (batch) => batch.status === "completed");

  const response = await call(owner, "GET", `/${id}/results.csv`);
  assert.equal(response.headers.get("content-type"), "text/csv; charset=utf-8");
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
  assert.equal(lines[0], "row_number,name,city,resolved_prompt,status,error,image_url,cost,model");
  assert.ok(
    lines[1].startsWith("1,José Núñez,Sevilla,Portrait of José Núñez in Sevilla,succeeded,"),
    lines[1],
  );
  assert.ok(lines[2].startsWith("2,李雷,北京,Portrait of 李雷 in 北京,succeeded,"), lines[2]);

  const images = await platform.db.asOwner((tx) =>
    tx.query<{ imageId: string }>(
      `select image_id as "imageId" from public.batch_items where batch_id = $1 order by row_number`,
      [id],
    )
  );
  const site = loadAuthConfig().siteUrl;
  assert.deepEqual(
    lines.slice(1).map((line) => line.split(",").at(-3)),
    images.map(({ imageId }) => `${site}/gallery?image=${imageId}`),
    "each link is the app's gallery with the row's image, not a URL that expires",
  );
  await expectJson(await callFunction(platform, owner, "gallery", "GET", `/${images[0].imageId}`), 200);
  await expectError(
    await callFunction(platform, other, "gallery", "GET", `/${images[0].imageId}`),
    404,
    "NOT_FOUND",
  );

  async function zipEntries(query: string) {
    const zipResponse = await call(owner, "GET", `/${id}/images.zip${query}`);
    assert.equal(zipResponse.status, 200);
    const zipPath = `${dataDir}/named.zip`;
    await Deno.writeFile(zipPath, new Uint8Array(await zipResponse.arrayBuffer()));
    const listing = await new Deno.Command("unzip", { args: ["-Z1", zipPath], stdout: "piped" }).output();
    assert.ok(listing.success);
    return new TextDecoder().decode(listing.stdout).trim().split("\n");
  }
  assert.deepEqual(await zipEntries("?nameColumn=name"), [
    "row-001-jose-nunez.png",
    "row-002.png",
    "row-003-etc.png",
  ]);
  assert.deepEqual(
    await zipEntries(""),
    ["row-1.png", "row-2.png", "row-3.png"],
    "unchanged without nameColumn",
  );

  const unknown = await expectError(
    await call(owner, "GET", `/${id}/images.zip?nameColumn=${encodeURIComponent("email")}`),
    400,
    "VALIDATION_ERROR",
  );
  assert.match(unknown.error, /nameColumn/);
  assert.deepEqual(unknown.details.headers, ["name", "city"]);
  await expectError(await call(owner, "GET", `/${id}/images.zip?nameColumn=`), 400, "VALIDATION_ERROR");
  await expectError(await call(owner, "GET", `/${id}/images.zip?name=city`), 400, "VALIDATION_ERROR");
});

Deno.test("pause stops new rows, resume finishes them, cancel ends the rest, retry-failed reruns failures", async () => {
  const user = await signedInUser();
  const id = await createBatch(user, contactsCsv(30, () => [""]));
  await expectJson(await call(user, "POST", `/${id}/start`), 200);
  const paused = await expectJson(await call(user, "POST", `/${id}/pause`), 200);
  assert.equal(paused.batch.status, "paused");
  assert.equal(paused.batch.pauseReason, "Paused by you.");
  // Rows already running finish (however long a loaded machine takes); nothing new starts while paused.
  const settled = await waitForBatch(
    user,
    id,
    (batch) => (batch.counts as { running: number }).running === 0,
  ) as {
    counts: { succeeded: number };
  };
  await new Promise((resolve) => setTimeout(resolve, 500));
  const still = (await expectJson(await call(user, "GET", `/${id}`), 200)).batch;
  assert.equal(still.counts.succeeded, settled.counts.succeeded, "no progress while paused");
  assert.ok(still.counts.queued > 0);

  await expectJson(await call(user, "POST", `/${id}/resume`), 200);
  const done = await waitForBatch(user, id, (batch) => batch.status === "completed");
  assert.equal((done.counts as { succeeded: number }).succeeded, 30);
  assert.equal((await footprint(user.id)).debits, 30);
  await expectJson(await call(user, "POST", `/${id}/pause`), 409);

  const second = await createBatch(user, contactsCsv(40, () => [""]));
  await expectJson(await call(user, "POST", `/${second}/start`), 200);
  const cancelled = await expectJson(await call(user, "POST", `/${second}/cancel`), 200);
  assert.equal(cancelled.batch.status, "cancelled");
  const final = await waitForBatch(
    user,
    second,
    (batch) => (batch.counts as { running: number }).running === 0,
  );
  const counts = final.counts as Record<string, number>;
  assert.equal(counts.queued, 0);
  assert.equal(counts.succeeded + counts.cancelled, 40);
  assert.ok(counts.cancelled > 0);
  const { debits, balance } = await footprint(user.id);
  assert.equal(debits, 30 + counts.succeeded, "cancelled rows cost nothing");
  assert.equal(balance, 100 - 30 - counts.succeeded);

  // Failures: rows marked failed for good (as a provider refusal would) are refunded and retried.
  const third = await createBatch(user, contactsCsv(4, () => [""]));
  await expectJson(await call(user, "POST", `/${third}/start`), 200);
  await waitForBatch(user, third, (batch) => batch.status === "completed");
  await platform.db.asService(async (tx) => {
    await tx.query(
      `update public.batch_items set status = 'failed', error = 'provider refused', cost = 0, image_id = null
        where batch_id = $1 and row_number in (2, 4)`,
      [third],
    );
    await tx.query("update public.batch_jobs set failed_rows = 2, succeeded_rows = 2 where id = $1", [third]);
  });
  const retried = await expectJson(await call(user, "POST", `/${third}/retry-failed`), 200);
  assert.equal(retried.retried, 2);
  const rerun = await waitForBatch(user, third, (batch) => batch.status === "completed");
  assert.deepEqual(rerun.counts, { queued: 0, running: 0, succeeded: 4, failed: 0, cancelled: 0 });
  const failedItems = await expectJson(await call(user, "GET", `/${third}/items?status=failed`), 200);
  assert.equal(failedItems.items.length, 0);
});

Deno.test("a row the provider refuses fails for good with its error and its credits refunded", async () => {
  const user = await signedInUser();
  const csv = "subject\na lighthouse\nsomething forbidden\na harbour\n";
  const body = { csv, prompt: "A painting of [SUBJECT]", model: "openai" };
  const { estimate } = await expectJson(await call(user, "POST", "/preview", body), 200);
  const id = (await expectJson(await call(user, "POST", "", body), 201)).batch.id;
  await expectJson(await call(user, "POST", `/${id}/start`), 200);
  const done = await waitForBatch(user, id, (batch) => batch.status === "completed");
  assert.deepEqual(done.counts, { queued: 0, running: 0, succeeded: 2, failed: 1, cancelled: 0 });
  assert.equal(done.spentCredits, 2 * estimate.costPerRow);
  const failed = await expectJson(await call(user, "GET", `/${id}/items?status=failed`), 200);
  assert.equal(failed.items[0].rowNumber, 2);
  assert.match(failed.items[0].error, /content policy/);
  assert.equal(failed.items[0].attempts, 1, "a refusal is not retried");
  const [ledger] = await platform.db.asOwner((tx) =>
    tx.query<{ entries: string[] }>(
      `select array_agg(reason || ':' || amount order by created_at) as entries from public.credit_ledger
        where reference_id = $1`,
      [failed.items[0].id],
    )
  );
  assert.deepEqual(ledger.entries, [`batch_row:${-estimate.costPerRow}`, `refund:${estimate.costPerRow}`]);
  assert.equal((await footprint(user.id)).balance, 100 - 2 * estimate.costPerRow);

  const retried = await expectJson(await call(user, "POST", `/${id}/retry-failed`), 200);
  assert.equal(retried.retried, 1);
  const again = await waitForBatch(user, id, (batch) => batch.status === "completed");
  assert.equal((again.counts as { failed: number }).failed, 1, "still refused, and refunded again");
  assert.equal((await footprint(user.id)).balance, 100 - 2 * estimate.costPerRow);

  const results = (await (await call(user, "GET", `/${id}/results.csv`)).text()).split("\r\n");
  assert.match(
    results[2],
    /^2,something forbidden,A painting of something forbidden,failed,OpenAI refused [^,]+ content policy\. .*,,0,gpt-image-2$/,
  );
});

/** Puts the batch's only row in the hands of a worker that died: running, its lease expired. */
/**
 * The batch's one row, running under a job whose worker was killed. Its lease runs out a moment
 * later, as a killed worker's would, so what the test does next (a cancel) lands before the
 * queue takes the job back; an already expired lease let a worker render the row first.
 */
async function rowHeldByDeadWorker(user: User, batchId: string, attempts: number) {
  return await platform.db.asService(async (tx) => {
    const [item] = await tx.query<{ id: string }>("select id from public.batch_items where batch_id = $1", [
      batchId,
    ]);
    const [job] = await tx.query<{ id: string }>(
      `insert into private.jobs (queue, payload, status, attempts, max_attempts, lease_owner, lease_expires_at, user_id)
       values ('batch-row', $1::text::jsonb, 'running', $2, 5, 'killed-worker', now() + interval '2 seconds', $3)
       returning id`,
      [JSON.stringify({ itemId: item.id }), attempts, user.id],
    );
    await tx.query(
      "update public.batch_items set status = 'running', attempts = $3, job_id = $2 where id = $1",
      [
        item.id,
        job.id,
        attempts,
      ],
    );
    await tx.query("update public.batch_jobs set status = 'running', started_at = now() where id = $1", [
      batchId,
    ]);
    await tx.query(
      `insert into public.credit_ledger (user_id, amount, reason, reference_id, description)
       values ($1, -1, 'batch_row', $2, 'Batch row 1')`,
      [user.id, item.id],
    );
    return item.id;
  });
}

async function ledgerOf(referenceId: string) {
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ entries: string[] }>(
      "select array_agg(reason || ':' || amount order by created_at) as entries from public.credit_ledger where reference_id = $1",
      [referenceId],
    )
  );
  return row.entries;
}

Deno.test("a row whose worker died on its last attempt is failed and refunded, not left running", async () => {
  const user = await signedInUser();
  const id = await createBatch(user, contactsCsv(1, () => [""]));
  const itemId = await rowHeldByDeadWorker(user, id, 5);
  const done = await waitForBatch(user, id, (batch) => batch.status === "completed");
  assert.deepEqual(done.counts, { queued: 0, running: 0, succeeded: 0, failed: 1, cancelled: 0 });
  assert.deepEqual(await ledgerOf(itemId), ["batch_row:-1", "refund:1"]);
  const { items } = await expectJson(await call(user, "GET", `/${id}/items`), 200);
  assert.match(items[0].error, /worker lost/);
});

Deno.test("cancelling while a dead worker held a row cancels and refunds that row too", async () => {
  const user = await signedInUser();
  const id = await createBatch(user, contactsCsv(1, () => [""]));
  const itemId = await rowHeldByDeadWorker(user, id, 1);
  await expectJson(await call(user, "POST", `/${id}/cancel`), 200);
  const settled = await waitForBatch(
    user,
    id,
    (batch) => (batch.counts as { cancelled: number }).cancelled === 1,
  );
  assert.equal(settled.status, "cancelled");
  assert.deepEqual(settled.counts, { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 1 });
  assert.deepEqual(await ledgerOf(itemId), ["batch_row:-1", "refund:1"]);
});

Deno.test("running out of credits pauses the batch with a clear reason instead of failing rows", async () => {
  const user = await signedInUser();
  await setBalance(user.id, 5);
  const id = await createBatch(user, contactsCsv(8, () => [""]));
  const started = await expectJson(await call(user, "POST", `/${id}/start`), 200);
  assert.equal(started.batch.status, "running");
  const paused = await waitForBatch(user, id, (batch) => batch.status === "paused");
  assert.match(String(paused.pauseReason), /Out of credits: row \d+ needs 1 and the balance is 0/);
  const settled = await waitForBatch(
    user,
    id,
    (batch) => (batch.counts as { running: number }).running === 0,
  );
  const counts = settled.counts as Record<string, number>;
  assert.deepEqual([counts.succeeded, counts.failed, counts.queued], [5, 0, 3]);
  assert.equal((await footprint(user.id)).balance, 0);

  await expectError(await call(user, "POST", `/${id}/resume`), 402, "INSUFFICIENT_CREDITS");
  await setBalance(user.id, 10);
  await expectJson(await call(user, "POST", `/${id}/resume`), 200);
  const done = await waitForBatch(user, id, (batch) => batch.status === "completed");
  assert.equal((done.counts as { succeeded: number }).succeeded, 8);
  const { jobs: _jobs, ...after } = await footprint(user.id);
  assert.deepEqual(after, { batches: 1, items: 8, images: 8, balance: 7, debits: 8 });
});

Deno.test("another user's batch is a 404 on every route, and is not listed", async () => {
  const owner = await signedInUser();
  const other = await signedInUser();
  const id = await createBatch(owner, contactsCsv(2, () => [""]));
  for (
    const [method, path] of [
      ["GET", ""],
      ["GET", "/items"],
      ["GET", "/results.csv"],
      ["GET", "/images.zip"],
      [
        "POST",
        "/start",
      ],
      ["POST", "/cancel"],
    ]
  ) {
    await expectError(await call(other, method, `/${id}${path}`), 404, "NOT_FOUND");
  }
  await expectJson(await call(other, "GET", "/not-a-uuid"), 404);
  assert.equal((await expectJson(await call(other, "GET", ""), 200)).batches.length, 0);
  const listed = await expectJson(await call(owner, "GET", "?limit=1"), 200);
  assert.deepEqual(listed.batches.map((batch: { id: string }) => batch.id), [id]);
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ status: string }>("select status from public.batch_jobs where id = $1", [id])
  );
  assert.equal(row.status, "draft", "the other user's start and cancel changed nothing");
});

Deno.test("bad input gets a clear 4xx in the error shape and writes nothing", async (t) => {
  const user = await signedInUser();
  const before = await footprint(user.id);
  const tooMany = "name\n" + Array.from({ length: 10_001 }, (_, index) => `P${index}`).join("\n");
  const cases: Array<[string, unknown, number, string, RegExp]> = [
    ["10,001 rows", { csv: tooMany, prompt: "Hi [NAME]" }, 413, "PAYLOAD_TOO_LARGE", /10,001 rows/],
    [
      "a token no column feeds",
      { csv: contactsCsv(2), prompt: "Hi [CITY]" },
      400,
      "VALIDATION_ERROR",
      /\[CITY\]/,
    ],
    [
      "empty values without fallback",
      { csv: "firstname,company\nAda,\n", prompt },
      400,
      "VALIDATION_ERROR",
      /row 1/,
    ],
    ["unknown model", { csv: contactsCsv(2), prompt, model: "dalle-9000" }, 400, "VALIDATION_ERROR", /local/],
    [
      "mapping of a missing column",
      { csv: contactsCsv(2), prompt, columnMapping: { city: "CITY" } },
      400,
      "VALIDATION_ERROR",
      /city/,
    ],
    ["no prompt", { csv: contactsCsv(2), prompt: " " }, 400, "VALIDATION_ERROR", /prompt/],
    ["malformed JSON", "{ csv: ", 400, "INVALID_JSON", /JSON/],
  ];
  for (const [name, body, status, code, message] of cases) {
    await t.step(name, async () => {
      const error = await expectError(await call(user, "POST", "", body), status, code);
      assert.match(error.error, message);
    });
  }
  const unauthenticated = await fetch(`${platform.url}/functions/v1/batch`, { method: "GET" });
  assert.equal((await unauthenticated.json()).code, "UNAUTHORIZED");
  assert.deepEqual(await footprint(user.id), before);
});

stopPlatformAfterTests(platform, { servers: [fakeOpenAi], directories: [dataDir] });

// The gallery function end to end on the local platform (in-process, so the test can look at the
// database and the stored objects), called with users' tokens through the functions gateway.
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { createGalleryHandler } from "../../supabase/functions/_shared/gallery/gallery-handler.ts";
import { testPng } from "../../supabase/functions/_shared/providers/test-support.ts";
import { objectStorage } from "../../supabase/functions/_shared/storage/object-storage.ts";
import { getRuntime } from "../../supabase/functions/_shared/runtime.ts";
import {
  callFunction,
  expectError,
  expectJson,
  type SignedUpUser,
  signUpUser,
  startTestPlatform,
  stopPlatformAfterTests,
} from "../support/functions.ts";

const { platform, dataDir } = await startTestPlatform("personify-gallery-", {
  jobWorker: { pollIntervalMs: 50 },
});
// The runtime the platform handed its functions.
const runtime = getRuntime();
const service = createClient(platform.url, platform.serviceRoleKey, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});

type User = SignedUpUser;

const signedInUser = () => signUpUser(platform, { emailPrefix: "gallery" });

const call = (user: User, method: string, path: string, body?: unknown) =>
  callFunction(platform, user, "gallery", method, path, body);

interface Seed {
  prompt?: string;
  model?: string;
  feature?: string;
  isFavorite?: boolean;
  createdAt?: string;
  storagePath?: string;
  thumbnailPath?: string | null;
}

/** Image rows as the generators write them, pointing at one shared placeholder unless told. */
async function insertImages(userId: string, seeds: Seed[]): Promise<string[]> {
  const rows = await platform.db.asService((tx) =>
    tx.query<{ id: string }>(
      `insert into public.images (user_id, prompt, resolved_prompt, model, provider, feature, is_favorite,
         storage_path, thumbnail_path, width, height, cost, created_at)
       select $1::uuid, s.prompt, s.prompt, s.model, 'local', s.feature, s.is_favorite,
              coalesce(s.storage_path, $1::text || '/placeholder.png'), s.thumbnail_path, 64, 64, 1,
              coalesce(s.created_at, now())
         from jsonb_to_recordset($2::text::jsonb) as s(prompt text, model text, feature text,
              is_favorite boolean, created_at timestamptz, storage_path text, thumbnail_path text)
       returning id`,
      [
        userId,
        JSON.stringify(seeds.map((seed) => ({
          prompt: seed.prompt ?? "a quiet harbour at dawn",
          model: seed.model ?? "local-render",
          feature: seed.feature ?? "ai-image",
          is_favorite: seed.isFavorite ?? false,
          created_at: seed.createdAt ?? null,
          storage_path: seed.storagePath ?? null,
          thumbnail_path: seed.thumbnailPath ?? null,
        }))),
      ],
    )
  );
  return rows.map((row) => row.id);
}

/** An image with real objects: the original PNG and a thumbnail. */
async function imageWithObjects(user: User, prompt = "a lighthouse in a storm") {
  const id = crypto.randomUUID();
  const storagePath = `${user.id}/${id}.png`;
  const thumbnailPath = `${user.id}/${id}.thumb.webp`;
  const png = await testPng(32, 24);
  for (const path of [storagePath, thumbnailPath]) {
    const { error } = await service.storage.from("images").upload(path, png, { contentType: "image/png" });
    assert.equal(error, null);
  }
  const [imageId] = await insertImages(user.id, [{ prompt, storagePath, thumbnailPath }]);
  return { imageId, storagePath, thumbnailPath };
}

/** Starts an upload of a PNG and puts its bytes at the signed URL the start returned. */
async function putPngUpload(user: User, fileName: string, bytes: Uint8Array) {
  const start = await expectJson(
    await call(user, "POST", "/uploads", { fileName, contentType: "image/png", size: bytes.length }),
    200,
  );
  const { error } = await user.client.storage.from("uploads").uploadToSignedUrl(
    start.path,
    start.token,
    bytes,
    {
      contentType: "image/png",
    },
  );
  assert.equal(error, null);
  return start;
}

async function objectExists(bucket: string, path: string): Promise<boolean> {
  const { error } = await service.storage.from(bucket).download(path);
  return error === null;
}

async function walk(user: User, query: string, limit: number, between?: () => Promise<void>) {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams(query);
    params.set("limit", String(limit));
    if (cursor) params.set("cursor", cursor);
    const page = await expectJson(await call(user, "GET", `?${params}`), 200);
    assert.ok(page.items.length <= limit);
    ids.push(...page.items.map((item: { id: string }) => item.id));
    cursor = page.nextCursor;
    await between?.();
  } while (cursor);
  return ids;
}

async function countRows(sql: string, params: unknown[]) {
  const [row] = await platform.db.asOwner((tx) => tx.query<{ count: number }>(sql, params));
  return row.count;
}

Deno.test("pages never skip or repeat an image while new ones arrive between pages", async () => {
  const user = await signedInUser();
  // Groups of images share one timestamp to the microsecond, so the id must break the ties.
  const base = Date.parse("2026-06-01T12:00:00.000Z");
  const seeds: Seed[] = Array.from({ length: 130 }, (_, index) => ({
    prompt: `image ${index}`,
    createdAt: new Date(base - Math.floor(index / 7) * 1000).toISOString().replace("Z", "123Z"),
  }));
  const original = await insertImages(user.id, seeds);
  const expected = await platform.db.asOwner((tx) =>
    tx.query<{ id: string }>(
      "select id from public.images where id = any($1::uuid[]) order by created_at desc, id desc",
      [original],
    )
  );
  let inserted = 0;
  const seen = await walk(user, "", 17, async () => {
    inserted += (await insertImages(user.id, [{ prompt: "new arrival" }, { prompt: "new arrival" }])).length;
  });
  assert.deepEqual(seen, expected.map((row) => row.id));
  assert.equal(new Set(seen).size, 130);
  const fresh = await expectJson(await call(user, "GET", `?limit=${inserted}`), 200);
  assert.ok(fresh.items.every((item: { prompt: string }) => item.prompt === "new arrival"));
});

Deno.test("filters, search and album views combine, and agree with the rows", async () => {
  const user = await signedInUser();
  const models = ["local-render", "gpt-image-1", "imagen-4"];
  const features = ["ai-image", "batch", "upload"];
  const words = ["sunset", "harbour", "forest", "robot", "100%_pure"];
  const seeds: Seed[] = Array.from({ length: 90 }, (_, index) => ({
    prompt: `A ${words[index % 5]} study number ${index}`,
    model: models[index % 3],
    feature: features[Math.floor(index / 3) % 3],
    isFavorite: index % 4 === 0,
    createdAt: new Date(Date.parse("2026-03-01T00:00:00Z") + index * 86_400_000 / 3).toISOString(),
  }));
  const ids = await insertImages(user.id, seeds);
  const rows = seeds.map((seed, index) => ({ ...seed, id: ids[index] }));
  const albumImages = ids.filter((_, index) => index % 5 === 1 || index % 6 === 0);
  const album = await expectJson(
    await callFunction(platform, user, "albums", "POST", "", { title: "Mixed" }),
    201,
  );
  await expectJson(
    await callFunction(platform, user, "albums", "POST", `/${album.album.id}/images`, {
      imageIds: albumImages,
    }),
    200,
  );

  const cases: [string, (row: typeof rows[number]) => boolean][] = [
    ["model=gpt-image-1", (row) => row.model === "gpt-image-1"],
    ["feature=batch&favorite=true", (row) => row.feature === "batch" && row.isFavorite!],
    ["q=SUNSET", (row) => row.prompt!.includes("sunset")],
    ["q=%25_p", (row) => row.prompt!.includes("%_p")],
    ["q=_p", (row) => row.prompt!.includes("_p")],
    ["q=number 1&model=imagen-4", (row) => row.prompt!.includes("number 1") && row.model === "imagen-4"],
    [
      "from=2026-03-05&to=2026-03-10",
      (row) => row.createdAt! >= "2026-03-05T00:00:00.000Z" && row.createdAt! < "2026-03-11T00:00:00.000Z",
    ],
    [
      "from=2026-03-05T08:00:00Z&to=2026-03-20&favorite=true&q=forest",
      (row) =>
        row.createdAt! >= "2026-03-05T08:00:00.000Z" && row.createdAt! < "2026-03-21T00:00:00.000Z" &&
        row.isFavorite! && row.prompt!.includes("forest"),
    ],
  ];
  const newestFirst = [...rows].sort((a, b) => b.createdAt!.localeCompare(a.createdAt!));
  for (const [query, keep] of cases) {
    const expected = newestFirst.filter(keep).map((row) => row.id);
    assert.ok(expected.length > 0, `case ${query} selects something`);
    assert.deepEqual(await walk(user, query, 7), expected, query);
  }

  // An album view keeps the album's order (the order the images were added) and takes the filters.
  assert.deepEqual(await walk(user, `album=${album.album.id}`, 4), albumImages);
  const inAlbum = new Set(albumImages);
  assert.deepEqual(
    await walk(user, `album=${album.album.id}&model=local-render&q=study`, 3),
    albumImages.filter((id) =>
      rows.find((row) => row.id === id)!.model === "local-render" && inAlbum.has(id)
    ),
  );

  const facets = await expectJson(await call(user, "GET", "/facets"), 200);
  assert.deepEqual(facets, { models: [...models].sort(), features: [...features].sort() });
});

Deno.test("another user's images and uploads are invisible and untouchable through every route", async () => {
  const owner = await signedInUser();
  const stranger = await signedInUser();
  const { imageId, storagePath } = await imageWithObjects(owner);
  const ownerAlbum = await expectJson(
    await callFunction(platform, owner, "albums", "POST", "", { title: "Private" }),
    201,
  );

  assert.deepEqual((await expectJson(await call(stranger, "GET", ""), 200)).items, []);
  assert.deepEqual(await expectJson(await call(stranger, "GET", "/facets"), 200), {
    models: [],
    features: [],
  });
  await expectError(await call(stranger, "GET", `?album=${ownerAlbum.album.id}`), 404, "NOT_FOUND");
  await expectError(await call(stranger, "GET", `/${imageId}`), 404, "NOT_FOUND");
  await expectError(await call(stranger, "GET", `/${imageId}/download`), 404, "NOT_FOUND");
  await expectError(await call(stranger, "PATCH", `/${imageId}`, { isFavorite: true }), 404, "NOT_FOUND");
  assert.deepEqual(await expectJson(await call(stranger, "POST", "/delete", { ids: [imageId] }), 200), {
    deleted: [],
  });

  // The owner's pending upload cannot be completed by the stranger, and stays the owner's.
  const png = await testPng(40, 30);
  const upload = await putPngUpload(owner, "holiday.png", png);
  await expectError(
    await call(stranger, "POST", "/uploads/complete", { path: upload.path }),
    404,
    "NOT_FOUND",
  );
  const sameIdInOwnFolder = upload.path.replace(owner.id, stranger.id);
  await expectError(
    await call(stranger, "POST", "/uploads/complete", { path: sameIdInOwnFolder }),
    404,
    "NOT_FOUND",
  );
  assert.ok(await objectExists("uploads", upload.path));

  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ isFavorite: boolean }>('select is_favorite as "isFavorite" from public.images where id = $1', [
      imageId,
    ])
  );
  assert.deepEqual(row, { isFavorite: false });
  assert.ok(await objectExists("images", storagePath));
  const completed = await expectJson(
    await call(owner, "POST", "/uploads/complete", { path: upload.path }),
    201,
  );
  assert.equal(completed.image.prompt, "holiday.png");
});

Deno.test("detail, favourite and download show the caller's image with signed URLs", async () => {
  const user = await signedInUser();
  const { imageId } = await imageWithObjects(user, "Neon city, at night!");
  await platform.db.asService((tx) =>
    tx.query(
      `update public.images set settings = '{"size":"1024x1024"}', tokens = '{"city":"Neon"}',
         provider_model = 'local-v1', generation_time_ms = 42 where id = $1`,
      [imageId],
    )
  );
  const { image } = await expectJson(await call(user, "GET", `/${imageId}`), 200);
  assert.deepEqual(
    [
      image.id,
      image.prompt,
      image.settings,
      image.tokens,
      image.providerModel,
      image.generationTimeMs,
      image.albums,
    ],
    [imageId, "Neon city, at night!", { size: "1024x1024" }, { city: "Neon" }, "local-v1", 42, []],
  );
  const original = await fetch(image.url);
  assert.equal(original.status, 200);
  assert.deepEqual(new Uint8Array(await original.arrayBuffer()), await testPng(32, 24));
  assert.equal((await fetch(image.thumbnailUrl)).status, 200);

  // The list hands out the same thumbnail URL again while it is fresh, so browsers can cache it.
  const listed = await expectJson(await call(user, "GET", ""), 200);
  assert.equal(
    (await expectJson(await call(user, "GET", ""), 200)).items[0].thumbnailUrl,
    listed.items[0].thumbnailUrl,
  );

  const favourite = await expectJson(await call(user, "PATCH", `/${imageId}`, { isFavorite: true }), 200);
  assert.equal(favourite.image.isFavorite, true);
  const favourites = await expectJson(await call(user, "GET", "?favorite=true"), 200);
  assert.deepEqual(favourites.items.map((item: { id: string }) => item.id), [imageId]);

  const download = await expectJson(await call(user, "GET", `/${imageId}/download`), 200);
  assert.equal(download.fileName, `neon-city-at-night-${imageId.slice(0, 8)}.png`);
  const saved = await fetch(download.url);
  assert.equal(saved.status, 200);
  assert.match(saved.headers.get("content-disposition") ?? "", /attachment/);
  await saved.body?.cancel();
});

Deno.test("delete removes the rows and their objects, and leaves shared objects to the rows still using them", async () => {
  const user = await signedInUser();
  const first = await imageWithObjects(user);
  const second = await imageWithObjects(user);
  const sharing = await insertImages(user.id, [{
    storagePath: first.storagePath,
    thumbnailPath: first.thumbnailPath,
  }]);
  const deleted = await expectJson(
    await call(user, "POST", "/delete", { ids: [first.imageId, second.imageId] }),
    200,
  );
  assert.deepEqual(new Set(deleted.deleted), new Set([first.imageId, second.imageId]));
  assert.equal(
    await countRows("select count(*)::int from public.images where id = any($1::uuid[])", [[
      first.imageId,
      second.imageId,
    ]]),
    0,
  );
  assert.equal(await objectExists("images", second.storagePath), false);
  assert.equal(await objectExists("images", second.thumbnailPath), false);
  assert.equal(await objectExists("images", first.storagePath), true, "still used by another row");

  await expectJson(await call(user, "POST", "/delete", { ids: sharing }), 200);
  assert.equal(await objectExists("images", first.storagePath), false);
  assert.equal(await objectExists("images", first.thumbnailPath), false);
  assert.equal(
    await countRows("select count(*)::int from private.storage_sweep where object_path like $1", [
      `${user.id}/%`,
    ]),
    0,
  );
});

Deno.test("when removing the objects fails, the rows are still gone and the sweep job removes the objects later", async () => {
  const user = await signedInUser();
  const { imageId, storagePath, thumbnailPath } = await imageWithObjects(user);
  const real = objectStorage(runtime);
  const failingRemoval = createGalleryHandler(() => runtime, {
    storageFor: () => ({ ...real, remove: () => Promise.reject(new Error("storage is unavailable")) }),
  });
  const response = await failingRemoval(
    new Request(`${platform.url}/gallery/delete`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ ids: [imageId] }),
    }),
  );
  assert.deepEqual(await expectJson(response, 200), { deleted: [imageId] });
  assert.equal(await countRows("select count(*)::int from public.images where id = $1", [imageId]), 0);
  assert.equal(await objectExists("images", storagePath), true);
  const listed = await platform.db.asOwner((tx) =>
    tx.query<{ path: string; attempts: number; lastError: string }>(
      `select object_path as path, attempts, last_error as "lastError" from private.storage_sweep
        where object_path = any($1::text[]) order by object_path`,
      [[storagePath, thumbnailPath]],
    )
  );
  assert.deepEqual(
    listed.map((row) => [row.path, row.attempts]),
    [[storagePath, 1], [thumbnailPath, 1]].sort(),
  );
  assert.match(listed[0].lastError, /storage is unavailable/);

  // The sweep job queued with the delete waits a minute; bring it forward and let the platform's worker run it.
  await platform.db.asOwner((tx) =>
    tx.query("update private.jobs set run_at = now() where queue = 'storage-sweep' and status = 'queued'")
  );
  const deadline = Date.now() + 20_000;
  while (
    await countRows("select count(*)::int from private.storage_sweep where object_path = any($1::text[])", [[
      storagePath,
      thumbnailPath,
    ]]) > 0
  ) {
    assert.ok(Date.now() < deadline, "the sweep did not run");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(await objectExists("images", storagePath), false);
  assert.equal(await objectExists("images", thumbnailPath), false);
});

Deno.test("an uploaded photo becomes a gallery image with a WebP thumbnail; bad files are refused and removed", async () => {
  const user = await signedInUser();
  const png = await testPng(300, 150);
  const start = await putPngUpload(user, "beach.png", png);
  assert.match(start.path, new RegExp(`^${user.id}/${start.uploadId}\\.png$`));
  const { image } = await expectJson(
    await call(user, "POST", "/uploads/complete", { path: start.path }),
    201,
  );
  assert.deepEqual(
    [
      image.id,
      image.prompt,
      image.resolvedPrompt,
      image.model,
      image.provider,
      image.feature,
      image.width,
      image.height,
    ],
    [start.uploadId, "beach.png", "beach.png", "upload", "upload", "upload", 300, 150],
  );
  const thumbnail = new Uint8Array(await (await fetch(image.thumbnailUrl)).arrayBuffer());
  assert.equal(new TextDecoder().decode(thumbnail.subarray(8, 12)), "WEBP");
  assert.equal(await objectExists("uploads", start.path), false);
  await expectError(await call(user, "POST", "/uploads/complete", { path: start.path }), 404, "NOT_FOUND");
  const listed = await expectJson(await call(user, "GET", "?feature=upload"), 200);
  assert.deepEqual(listed.items.map((item: { id: string }) => item.id), [image.id]);

  // Text that claims to be a PNG: refused as the wrong type, and its object removed.
  const fake = new TextEncoder().encode("this is not a picture at all");
  const forged = await putPngUpload(user, "fake.png", fake);
  await expectError(
    await call(user, "POST", "/uploads/complete", { path: forged.path }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
  );
  assert.equal(await objectExists("uploads", forged.path), false);

  // A JPEG announced as a WebP is refused too.
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const mislabelled = await expectJson(
    await call(user, "POST", "/uploads", {
      fileName: "x.webp",
      contentType: "image/webp",
      size: jpeg.length,
    }),
    200,
  );
  await user.client.storage.from("uploads").uploadToSignedUrl(mislabelled.path, mislabelled.token, jpeg, {
    contentType: "image/webp",
  });
  await expectError(
    await call(user, "POST", "/uploads/complete", { path: mislabelled.path }),
    415,
    "UNSUPPORTED_MEDIA_TYPE",
  );
  assert.equal(await objectExists("uploads", mislabelled.path), false);

  await expectError(
    await call(user, "POST", "/uploads", {
      fileName: "huge.png",
      contentType: "image/png",
      size: 10 * 1024 * 1024 + 1,
    }),
    413,
    "PAYLOAD_TOO_LARGE",
  );
  await expectError(
    await call(user, "POST", "/uploads", { fileName: "doc.pdf", contentType: "application/pdf", size: 10 }),
    400,
    "VALIDATION_ERROR",
  );
  assert.equal(await countRows("select count(*)::int from public.images where user_id = $1", [user.id]), 1);
});

Deno.test("bad input is a 4xx in the error shape and changes nothing", async () => {
  const user = await signedInUser();
  const [imageId] = await insertImages(user.id, [{}]);
  const before = await countRows(
    "select count(*)::int from public.images where user_id = $1 and not is_favorite",
    [
      user.id,
    ],
  );
  const badQueries = [
    "?limit=0",
    "?limit=101",
    "?limit=ten",
    "?cursor=not-a-cursor",
    `?cursor=${btoa(JSON.stringify({ t: "x", id: imageId })).replace(/=+$/, "")}`,
    `?cursor=${btoa(JSON.stringify({ p: 1024, id: imageId })).replace(/=+$/, "")}`,
    "?q=a",
    "?favorite=yes",
    "?album=nope",
    "?from=yesterday",
    "?from=2026-05-01&to=2026-04-01",
    "?sort=oldest",
    "?model=a&model=b",
  ];
  for (const query of badQueries) await expectError(await call(user, "GET", query), 400, "VALIDATION_ERROR");
  await expectError(await call(user, "GET", `?album=${crypto.randomUUID()}`), 404, "NOT_FOUND");
  await expectError(await call(user, "GET", "/not-a-uuid"), 400, "VALIDATION_ERROR");
  await expectError(await call(user, "GET", `/${crypto.randomUUID()}`), 404, "NOT_FOUND");
  await expectError(await call(user, "PATCH", `/${imageId}`, { isFavorite: "yes" }), 400, "VALIDATION_ERROR");
  await expectError(
    await call(user, "PATCH", `/${imageId}`, { isFavorite: true, prompt: "x" }),
    400,
    "VALIDATION_ERROR",
  );
  await expectError(await call(user, "PATCH", `/${imageId}`, "{"), 400, "INVALID_JSON");
  await expectError(await call(user, "POST", "/delete", { ids: [] }), 400, "VALIDATION_ERROR");
  await expectError(await call(user, "POST", "/delete", { ids: [imageId, "nope"] }), 400, "VALIDATION_ERROR");
  await expectError(
    await call(user, "POST", "/delete", { ids: Array.from({ length: 101 }, () => crypto.randomUUID()) }),
    400,
    "VALIDATION_ERROR",
  );
  await expectError(
    await call(user, "POST", "/uploads/complete", { path: "../etc/passwd" }),
    400,
    "VALIDATION_ERROR",
  );
  const announced = await expectJson(
    await call(user, "POST", "/uploads", { fileName: "later.png", contentType: "image/png", size: 100 }),
    200,
  );
  const notUploaded = await expectError(
    await call(user, "POST", "/uploads/complete", { path: announced.path }),
    400,
    "VALIDATION_ERROR",
  );
  assert.match(notUploaded.error, /Nothing has been uploaded/);
  await expectError(await call(user, "DELETE", `/${imageId}`), 405, "METHOD_NOT_ALLOWED");
  const anonymous = await fetch(`${platform.url}/functions/v1/gallery`, {
    headers: { authorization: `Bearer ${platform.anonKey}` },
  });
  await expectError(anonymous, 401, "UNAUTHORIZED");
  assert.equal(
    await countRows("select count(*)::int from public.images where user_id = $1 and not is_favorite", [
      user.id,
    ]),
    before,
  );
});

Deno.test("supabase-js functions.invoke reads the gallery", async () => {
  const user = await signedInUser();
  await insertImages(user.id, [{ prompt: "one" }, { prompt: "two" }]);
  const { data, error } = await user.client.functions.invoke("gallery?limit=1", { method: "GET" });
  assert.equal(error, null);
  assert.equal(data.items.length, 1);
  assert.equal(typeof data.nextCursor, "string");
});

stopPlatformAfterTests(platform, { directories: [dataDir] });

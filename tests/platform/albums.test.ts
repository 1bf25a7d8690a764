// The albums function end to end on the local platform, with the users' own tokens; the images
// of an album are read back through the gallery function, as the page reads them.
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

const { platform, dataDir } = await startTestPlatform("personify-albums-", {
  jobWorker: false,
});

type User = SignedUpUser;

const signedInUser = () => signUpUser(platform, { emailPrefix: "albums" });

const call = (user: User, method: string, path: string, body?: unknown) =>
  callFunction(platform, user, "albums", method, path, body);

async function insertImages(userId: string, count: number): Promise<string[]> {
  const rows = await platform.db.asService((tx) =>
    tx.query<{ id: string }>(
      `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path, created_at)
       select $1::uuid, 'picture ' || n, 'picture ' || n, 'local-render', 'local', $1::text || '/shared.png',
              now() - n * interval '1 minute'
         from generate_series(1, $2::int) as n
       order by n
       returning id`,
      [userId, count],
    )
  );
  return rows.map((row) => row.id);
}

async function albumOrder(user: User, albumId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `?album=${albumId}&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
    const page = await expectJson(
      await fetch(`${platform.url}/functions/v1/gallery${query}`, {
        headers: { authorization: `Bearer ${user.token}` },
      }),
      200,
    );
    ids.push(...page.items.map((item: { id: string }) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function albumState(albumId: string) {
  return await platform.db.asOwner((tx) =>
    tx.query<{ imageId: string; position: number }>(
      `select image_id as "imageId", position from public.album_images where album_id = $1 order by position, image_id`,
      [albumId],
    )
  );
}

async function create(user: User, title: string) {
  return (await expectJson(await call(user, "POST", "", { title }), 201)).album;
}

Deno.test("create, list, rename and delete albums; deleting one keeps its images", async () => {
  const user = await signedInUser();
  const images = await insertImages(user.id, 3);
  const older = await create(user, "  Holidays  ");
  assert.deepEqual(
    [older.title, older.description, older.source, older.imageCount, older.coverThumbnailUrl],
    ["Holidays", null, "manual", 0, null],
  );
  const { album: newer } = await expectJson(
    await call(user, "POST", "", { title: "Pets", description: "Cats mostly" }),
    201,
  );
  await expectJson(await call(user, "POST", `/${older.id}/images`, { imageIds: images }), 200);

  const { albums } = await expectJson(await call(user, "GET", ""), 200);
  assert.deepEqual(albums.map((album: { id: string }) => album.id), [newer.id, older.id]);
  assert.equal(albums[1].imageCount, 3);

  const renamed = await expectJson(
    await call(user, "PATCH", `/${older.id}`, { title: "Summer", description: "" }),
    200,
  );
  assert.deepEqual([renamed.album.title, renamed.album.description], ["Summer", null]);
  const described = await expectJson(
    await call(user, "PATCH", `/${older.id}`, { description: "By the sea" }),
    200,
  );
  assert.deepEqual([described.album.title, described.album.description], ["Summer", "By the sea"]);

  await expectJson(await call(user, "DELETE", `/${older.id}`), 204);
  await expectError(await call(user, "DELETE", `/${older.id}`), 404, "NOT_FOUND");
  const [{ count }] = await platform.db.asOwner((tx) =>
    tx.query<{ count: number }>("select count(*)::int from public.images where id = any($1::uuid[])", [
      images,
    ])
  );
  assert.equal(count, 3);
});

Deno.test("images are appended in order, duplicates ignored, removed on request", async () => {
  const user = await signedInUser();
  const [a, b, c, d] = await insertImages(user.id, 4);
  const album = await create(user, "Order");
  assert.deepEqual(
    await expectJson(await call(user, "POST", `/${album.id}/images`, { imageIds: [c, a] }), 200),
    { added: 2 },
  );
  assert.deepEqual(
    await expectJson(await call(user, "POST", `/${album.id}/images`, { imageIds: [a, d, b, d] }), 200),
    {
      added: 2,
    },
  );
  assert.deepEqual(await albumOrder(user, album.id), [c, a, d, b]);
  assert.deepEqual(
    await expectJson(
      await call(user, "DELETE", `/${album.id}/images`, { imageIds: [a, crypto.randomUUID()] }),
      200,
    ),
    {
      removed: 1,
    },
  );
  assert.deepEqual(await albumOrder(user, album.id), [c, d, b]);
});

Deno.test("moves persist: first, after another, last, and a renumbering when no gap is left", async () => {
  const user = await signedInUser();
  const ids = await insertImages(user.id, 6);
  const [a, b, c, d, e, f] = ids;
  const album = await create(user, "Moves");
  await expectJson(await call(user, "POST", `/${album.id}/images`, { imageIds: ids }), 200);

  const move = async (imageId: string, afterImageId: string | null) =>
    (await expectJson(await call(user, "POST", `/${album.id}/move`, { imageId, afterImageId }), 200))
      .position as number;

  await move(e, null);
  assert.deepEqual(await albumOrder(user, album.id), [e, a, b, c, d, f]);
  await move(a, d);
  assert.deepEqual(await albumOrder(user, album.id), [e, b, c, d, a, f]);
  await move(b, f);
  assert.deepEqual(await albumOrder(user, album.id), [e, c, d, a, f, b]);

  // Halving the same gap again and again runs out of integers between c and d after ~10 moves.
  let order = [e, c, d, a, f, b];
  const positionsSeen = new Set<number>();
  for (let round = 0; round < 14; round++) {
    const moving = round % 2 === 0 ? a : f;
    const position = await move(moving, c);
    positionsSeen.add(position);
    order = order.filter((id) => id !== moving);
    order.splice(order.indexOf(c) + 1, 0, moving);
    assert.deepEqual(await albumOrder(user, album.id), order, `round ${round}`);
  }
  const state = await albumState(album.id);
  assert.deepEqual(state.map((row) => row.imageId), order);
  assert.equal(new Set(state.map((row) => row.position)).size, state.length, "positions stay distinct");
  // e was moved first at 0 (its neighbour's 1024 minus a step); only a renumbering puts it at 1024.
  assert.equal(state[0].position, 1024, "the album was renumbered");
  assert.ok(state.every((row) => Number.isSafeInteger(row.position)));

  // Moving after itself or after an image outside the album changes nothing.
  const before = await albumState(album.id);
  await expectError(
    await call(user, "POST", `/${album.id}/move`, { imageId: a, afterImageId: a }),
    400,
    "VALIDATION_ERROR",
  );
  const [outside] = await insertImages(user.id, 1);
  await expectError(
    await call(user, "POST", `/${album.id}/move`, { imageId: a, afterImageId: outside }),
    404,
    "NOT_FOUND",
  );
  await expectError(
    await call(user, "POST", `/${album.id}/move`, { imageId: outside, afterImageId: null }),
    404,
    "NOT_FOUND",
  );
  assert.deepEqual(await albumState(album.id), before);
});

Deno.test("another user's albums and images cannot be read, changed or linked", async () => {
  const owner = await signedInUser();
  const stranger = await signedInUser();
  const ownerImages = await insertImages(owner.id, 2);
  const strangerImages = await insertImages(stranger.id, 1);
  const ownerAlbum = await create(owner, "Mine");
  await expectJson(await call(owner, "POST", `/${ownerAlbum.id}/images`, { imageIds: ownerImages }), 200);
  const strangerAlbum = await create(stranger, "Theirs");
  const before = await albumState(ownerAlbum.id);

  assert.deepEqual(
    (await expectJson(await call(stranger, "GET", ""), 200)).albums.map((album: { id: string }) => album.id),
    [
      strangerAlbum.id,
    ],
  );
  await expectError(await call(stranger, "PATCH", `/${ownerAlbum.id}`, { title: "Taken" }), 404, "NOT_FOUND");
  await expectError(await call(stranger, "DELETE", `/${ownerAlbum.id}`), 404, "NOT_FOUND");
  await expectError(
    await call(stranger, "POST", `/${ownerAlbum.id}/images`, { imageIds: strangerImages }),
    404,
    "NOT_FOUND",
  );
  await expectError(
    await call(stranger, "DELETE", `/${ownerAlbum.id}/images`, { imageIds: ownerImages }),
    404,
    "NOT_FOUND",
  );
  await expectError(
    await call(stranger, "POST", `/${ownerAlbum.id}/move`, { imageId: ownerImages[1], afterImageId: null }),
    404,
    "NOT_FOUND",
  );
  // Someone else's image in one's own album: refused whole, nothing added.
  await expectError(
    await call(stranger, "POST", `/${strangerAlbum.id}/images`, {
      imageIds: [strangerImages[0], ownerImages[0]],
    }),
    404,
    "NOT_FOUND",
  );
  assert.deepEqual(await albumState(strangerAlbum.id), []);
  assert.deepEqual(await albumState(ownerAlbum.id), before);
  const [{ title }] = await platform.db.asOwner((tx) =>
    tx.query<{ title: string }>("select title from public.albums where id = $1", [ownerAlbum.id])
  );
  assert.equal(title, "Mine");
});

Deno.test("bad input is a 4xx in the error shape and changes nothing", async () => {
  const user = await signedInUser();
  const [image] = await insertImages(user.id, 1);
  const album = await create(user, "Keep");
  await expectError(await call(user, "POST", "", { title: "   " }), 400, "VALIDATION_ERROR");
  await expectError(await call(user, "POST", "", { title: "x".repeat(121) }), 400, "VALIDATION_ERROR");
  await expectError(await call(user, "POST", "", { title: "ok", source: "ai" }), 400, "VALIDATION_ERROR");
  await expectError(await call(user, "POST", "", "{"), 400, "INVALID_JSON");
  await expectError(await call(user, "PATCH", `/${album.id}`, {}), 400, "VALIDATION_ERROR");
  await expectError(
    await call(user, "PATCH", `/${album.id}`, { description: "d".repeat(1001) }),
    400,
    "VALIDATION_ERROR",
  );
  await expectError(await call(user, "PATCH", "/not-a-uuid", { title: "x" }), 400, "VALIDATION_ERROR");
  await expectError(
    await call(user, "POST", `/${album.id}/images`, { imageIds: [] }),
    400,
    "VALIDATION_ERROR",
  );
  await expectError(
    await call(user, "POST", `/${album.id}/images`, { imageIds: ["nope"] }),
    400,
    "VALIDATION_ERROR",
  );
  await expectError(
    await call(user, "POST", `/${album.id}/images`, {
      imageIds: Array.from({ length: 501 }, () => crypto.randomUUID()),
    }),
    400,
    "VALIDATION_ERROR",
  );
  await expectError(
    await call(user, "POST", `/${album.id}/images`, { imageIds: [crypto.randomUUID()] }),
    404,
    "NOT_FOUND",
  );
  await expectError(
    await call(user, "POST", `/${album.id}/move`, { imageId: image }),
    400,
    "VALIDATION_ERROR",
  );
  await expectError(
    await call(user, "POST", `/${crypto.randomUUID()}/images`, { imageIds: [image] }),
    404,
    "NOT_FOUND",
  );
  await expectError(await call(user, "PUT", `/${album.id}`, { title: "x" }), 405, "METHOD_NOT_ALLOWED");
  const { albums } = await expectJson(await call(user, "GET", ""), 200);
  assert.deepEqual(albums.map((row: { title: string; imageCount: number }) => [row.title, row.imageCount]), [[
    "Keep",
    0,
  ]]);
});

stopPlatformAfterTests(platform, { directories: [dataDir] });

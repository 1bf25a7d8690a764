// The album-organiser function end to end on the local platform (in-process, so the test can look
// at the database): requests through the functions gateway, jobs worked by the platform's worker.
// First with the offline organiser, then with Gemini pointed at a fake speaking generateContent.
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { encodePngRgb } from "../../supabase/functions/_shared/images/png.ts";
import { makeWebpThumbnail } from "../../supabase/functions/_shared/images/thumbnail.ts";
import type { Platform } from "../../supabase/local/platform.ts";
import {
  callFunction,
  expectError,
  expectJson,
  type SignedUpUser,
  signUpUser,
  startTestPlatform,
} from "../support/functions.ts";

const noSanitizers = { sanitizeOps: false, sanitizeResources: false };

async function withPlatform(env: Record<string, string>, run: (platform: Platform) => Promise<void>) {
  const { platform, dataDir } = await startTestPlatform("personify-albums-ai-", {
    env,
    jobWorker: { pollIntervalMs: 50 },
  });
  try {
    await run(platform);
  } finally {
    await platform.close();
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}

type User = SignedUpUser;

const signedInUser = (platform: Platform) => signUpUser(platform, { emailPrefix: "organiser" });

/** An image as the generation function leaves it: the original and its webp thumbnail stored, the row inserted. */
async function storedImage(platform: Platform, user: User, prompt: string, rgb: [number, number, number]) {
  const id = crypto.randomUUID();
  const size = 32;
  const pixels = new Uint8Array(size * size * 3);
  for (let i = 0; i < pixels.length; i += 3) pixels.set(rgb, i);
  const png = await encodePngRgb(pixels, size, size);
  const thumbnail = await makeWebpThumbnail(png);
  const storage = createClient(platform.url, platform.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  }).storage.from("images");
  for (
    const [path, bytes, type] of [
      [`${user.id}/${id}.png`, png, "image/png"],
      [`${user.id}/${id}.thumb.webp`, thumbnail.bytes, "image/webp"],
    ] as const
  ) {
    const { error } = await storage.upload(path, bytes, { contentType: type, upsert: true });
    assert.equal(error, null);
  }
  await platform.db.asService((tx) =>
    tx.query(
      `insert into public.images (id, user_id, prompt, resolved_prompt, model, provider, storage_path, thumbnail_path, width, height)
       values ($1, $2, $3, $3, 'local-render', 'local', $4, $5, $6, $6)`,
      [id, user.id, prompt, `${user.id}/${id}.png`, `${user.id}/${id}.thumb.webp`, size],
    )
  );
  return id;
}

const call = (platform: Platform, user: User, method: string, path = "", body?: unknown) =>
  callFunction(platform, user, "album-organiser", method, path, body);

interface Organisation {
  id: string;
  status: string;
  usedFallback: boolean;
  provider: string;
  imageCount: number;
  imagesSeen: number;
  proposal: { title: string; description: string; imageIds: string[] }[] | null;
  albums: { id: string; title: string; description: string | null; imageCount: number }[];
  error: string | null;
}

/** Starts an organisation and waits for its proposal. */
async function propose(platform: Platform, user: User, imageIds: string[]): Promise<Organisation> {
  const created = await expectJson(await call(platform, user, "POST", "", { imageIds }), 202);
  assert.deepEqual(Object.keys(created).sort(), ["organisationId", "status"]);
  assert.equal(created.status, "queued");
  return await waitFor(platform, user, created.organisationId);
}

/** Organises and, as a user who changes nothing in the review would, applies the proposal. */
async function organise(platform: Platform, user: User, imageIds: string[]): Promise<Organisation> {
  const proposed = await propose(platform, user, imageIds);
  if (proposed.status !== "proposed") return proposed;
  const groups = proposed.proposal!.map(({ title, imageIds }) => ({ title, imageIds }));
  return await expectJson(await call(platform, user, "POST", `/${proposed.id}/apply`, { groups }), 200);
}

/** Polls GET /album-organiser/{id}, as the page does, until the organisation has a proposal or failed. */
async function waitFor(platform: Platform, user: User, id: string): Promise<Organisation> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const organisation: Organisation = await expectJson(
      await call(platform, user, "GET", `/${id}`),
      200,
    );
    if (["proposed", "succeeded", "failed"].includes(organisation.status)) return organisation;
    assert.ok(["queued", "running"].includes(organisation.status), organisation.status);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`organisation ${id} did not finish in 60 s`);
}

/** Each album's images in display order, with source and organisation, straight from the database. */
async function albumsInDb(platform: Platform, albumIds: string[]) {
  return await platform.db.asOwner((tx) =>
    tx.query<
      {
        id: string;
        source: string;
        organisationId: string;
        userId: string;
        imageIds: string[];
        positions: number[];
      }
    >(
      `select a.id, a.source, a.organisation_id as "organisationId", a.user_id as "userId",
              array(select image_id from public.album_images ai where ai.album_id = a.id order by position) as "imageIds",
              array(select position from public.album_images ai where ai.album_id = a.id order by position) as "positions"
         from public.albums a where a.id = any($1::uuid[]) order by array_position($1::uuid[], a.id)`,
      [albumIds],
    )
  );
}

async function footprint(platform: Platform, userId: string) {
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ organisations: number; albums: number; jobs: number }>(
      `select (select count(*)::int from public.album_organisations where user_id = $1) as organisations,
              (select count(*)::int from public.albums where user_id = $1) as albums,
              (select count(*)::int from private.jobs where user_id = $1 and queue = 'album-organise') as jobs`,
      [userId],
    )
  );
  return row;
}

const BLUE: [number, number, number] = [20, 50, 210];
const RED: [number, number, number] = [200, 20, 30];

Deno.test({
  name:
    "offline organiser: albums by prompt and colour, idempotent, only the caller's images, bad input refused",
  ...noSanitizers,
  fn: () =>
    withPlatform({}, async (platform) => {
      const user = await signedInUser(platform);
      const other = await signedInUser(platform);
      const harbour = [
        await storedImage(platform, user, "Fishing boats in a harbour at night, lanterns on the water", BLUE),
        await storedImage(platform, user, "Harbour at night with boats and lanterns", BLUE),
        await storedImage(platform, user, "Old harbour boats at night, misty lanterns", BLUE),
      ];
      const cats = [
        await storedImage(platform, user, "A ginger cat asleep on a sofa", RED),
        await storedImage(platform, user, "Cat sleeping on the sofa by the window", RED),
      ];
      const othersImage = await storedImage(platform, other, "Someone else's harbour at night", BLUE);

      // organise → poll → albums with their images
      const organisation = await organise(platform, user, [
        harbour[0],
        cats[0],
        harbour[1],
        cats[1],
        harbour[2],
      ]);
      assert.equal(organisation.status, "succeeded", JSON.stringify(organisation));
      assert.equal(organisation.usedFallback, false);
      assert.equal(organisation.provider, "local");
      assert.equal(organisation.error, null);
      assert.equal(organisation.albums.length, 2);
      const [harbourAlbum, catAlbum] = organisation.albums;
      assert.match(harbourAlbum.title, /^Cobalt /);
      assert.match(catAlbum.title, /^Crimson /);
      assert.deepEqual(organisation.albums.map((album) => album.imageCount), [3, 2]);
      assert.match(harbourAlbum.description ?? "", /^3 images of .+, mostly in cobalt tones\.$/);
      const stored = await albumsInDb(platform, organisation.albums.map((album) => album.id));
      assert.deepEqual(stored.map((album) => album.imageIds), [harbour, cats]);
      for (const album of stored) {
        assert.equal(album.source, "ai");
        assert.equal(album.organisationId, organisation.id);
        assert.equal(album.userId, user.id);
        assert.deepEqual(album.positions, album.imageIds.map((_, index) => (index + 1) * 1024));
      }

      // A second job for the same organisation (a retry, a duplicate) makes no second set of albums.
      const before = await footprint(platform, user.id);
      await platform.db.asService((tx) =>
        tx.query(
          `insert into private.jobs (queue, payload, idempotency_key, user_id)
           values ('album-organise', $1::text::jsonb, $2, $3)`,
          [JSON.stringify({ organisationId: organisation.id }), `duplicate-${organisation.id}`, user.id],
        )
      );
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [job] = await platform.db.asOwner((tx) =>
          tx.query<{ status: string }>("select status from private.jobs where idempotency_key = $1", [
            `duplicate-${organisation.id}`,
          ])
        );
        if (job.status === "succeeded") break;
        assert.ok(Date.now() < deadline, `duplicate job still ${job.status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(await footprint(platform, user.id), { ...before, jobs: before.jobs + 1 });
      const again: Organisation = await expectJson(
        await call(platform, user, "GET", `/${organisation.id}`),
        200,
      );
      assert.deepEqual(again, organisation);

      // Organising the same images twice is two organisations, each with its own albums.
      const second = await organise(platform, user, cats);
      assert.equal(second.albums.length, 1);
      assert.equal(second.albums[0].imageCount, 2);

      // Another user's image: 404, nothing written.
      const beforeForeign = await footprint(platform, user.id);
      const foreign = await expectJson(
        await call(platform, user, "POST", "", { imageIds: [harbour[0], othersImage] }),
        404,
      );
      assert.equal(foreign.code, "NOT_FOUND");
      assert.deepEqual(foreign.details.missingImageIds, [othersImage]);
      const unknown = await expectJson(
        await call(platform, user, "POST", "", { imageIds: [crypto.randomUUID()] }),
        404,
      );
      assert.equal(unknown.code, "NOT_FOUND");
      assert.deepEqual(await footprint(platform, user.id), beforeForeign);

      // Another user's organisation is not there for them; nor is a malformed id.
      await expectError(await call(platform, other, "GET", `/${organisation.id}`), 404, "NOT_FOUND");
      await expectError(await call(platform, user, "GET", "/not-a-uuid"), 404, "NOT_FOUND");
      await expectError(await call(platform, user, "GET", `/${crypto.randomUUID()}`), 404, "NOT_FOUND");

      // Bad input: 400 in the one error shape, nothing written.
      const tooMany = Array.from({ length: 501 }, () => crypto.randomUUID());
      for (
        const [body, code] of [
          [{ imageIds: [] }, "VALIDATION_ERROR"],
          [{ imageIds: tooMany }, "VALIDATION_ERROR"],
          [{ imageIds: ["not-a-uuid"] }, "VALIDATION_ERROR"],
          [{ imageIds: harbour[0] }, "VALIDATION_ERROR"],
          [{}, "VALIDATION_ERROR"],
          [{ imageIds: [harbour[0]], extra: true }, "VALIDATION_ERROR"],
          ["{not json", "INVALID_JSON"],
        ] as const
      ) {
        const refused = await expectJson(await call(platform, user, "POST", "", body), 400);
        assert.equal(refused.code, code, JSON.stringify(body).slice(0, 100));
        assert.equal(typeof refused.error, "string");
        assert.equal(typeof refused.details, "object");
      }
      await expectError(
        await call(platform, user, "PUT", "", { imageIds: [harbour[0]] }),
        405,
        "METHOD_NOT_ALLOWED",
      );
      assert.deepEqual(await footprint(platform, user.id), beforeForeign);

      // Images deleted before the job ran: the organisation fails and says why.
      const [gone] = await platform.db.asService((tx) =>
        tx.query<{ id: string }>(
          `insert into public.album_organisations (user_id, image_ids, provider)
           values ($1, array[gen_random_uuid()], 'local') returning id`,
          [user.id],
        )
      );
      await platform.db.asService((tx) =>
        tx.query(
          `insert into private.jobs (queue, payload, idempotency_key, user_id)
           values ('album-organise', $1::text::jsonb, $2, $3)`,
          [JSON.stringify({ organisationId: gone.id }), `album-organise:${gone.id}`, user.id],
        )
      );
      const goneStatus = await waitFor(platform, user, gone.id);
      assert.equal(goneStatus.status, "failed");
      assert.match(goneStatus.error ?? "", /deleted before they could be organised/);
      assert.deepEqual(goneStatus.albums, []);

      // A job the queue dead-lettered (its worker lost on the last attempt) reads as failed.
      const [abandoned] = await platform.db.asService((tx) =>
        tx.query<{ id: string }>(
          `insert into public.album_organisations (user_id, image_ids, provider, status)
           values ($1, $2::uuid[], 'local', 'running') returning id`,
          [user.id, [harbour[0]]],
        )
      );
      await platform.db.asService((tx) =>
        tx.query(
          `insert into private.jobs (queue, payload, idempotency_key, user_id, status, attempts, last_error)
           values ('album-organise', $1::text::jsonb, $2, $3, 'dead', 5, 'lease expired on the last attempt')`,
          [JSON.stringify({ organisationId: abandoned.id }), `album-organise:${abandoned.id}`, user.id],
        )
      );
      const abandonedStatus: Organisation = await expectJson(
        await call(platform, user, "GET", `/${abandoned.id}`),
        200,
      );
      assert.equal(abandonedStatus.status, "failed");
      assert.match(abandonedStatus.error ?? "", /interrupted/);

      // Ten organisations a minute; the eleventh waits, and is not recorded.
      const busy = await signedInUser(platform);
      const busyImage = await storedImage(platform, busy, "A kite over the dunes", BLUE);
      for (let attempt = 0; attempt < 10; attempt++) {
        await expectJson(await call(platform, busy, "POST", "", { imageIds: [busyImage] }), 202);
      }
      const limited = await call(platform, busy, "POST", "", { imageIds: [busyImage] });
      await expectError(limited, 429, "RATE_LIMITED");
      assert.ok(Number(limited.headers.get("retry-after")) >= 1);
      assert.equal((await footprint(platform, busy.id)).organisations, 10);

      // Without a session the gateway refuses.
      const anonymous = await fetch(`${platform.url}/functions/v1/album-organiser`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ imageIds: [harbour[0]] }),
      });
      assert.equal(anonymous.status, 401);
      await anonymous.body?.cancel();
    }),
});

/**
 * A fake Gemini: generateContent answers with one album per theme word it finds in the listing
 * ("harbour" or anything else), and fails with a 500 whenever a prompt mentions "unlucky".
 */
function startFakeGemini() {
  const requests: { path: string; key: string | null; body: Record<string, unknown> }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
    const body = await request.json();
    requests.push({ path: new URL(request.url).pathname, key: request.headers.get("x-goog-api-key"), body });
    const listing = String(body.contents[0].parts[0].text);
    if (listing.includes("unlucky")) {
      return Response.json({
        error: { code: 500, message: "Internal error encountered.", status: "INTERNAL" },
      }, {
        status: 500,
      });
    }
    const lines = [...listing.matchAll(/^- ([0-9a-f-]{36}): (.*)$/gm)];
    const harbour = lines.filter((line) => line[2].includes("harbour")).map((line) => line[1]);
    const rest = lines.filter((line) => !line[2].includes("harbour")).map((line) => line[1]);
    const albums = [
      { title: "Harbour Nocturnes", description: "Boats and lanterns after dark.", imageIds: harbour },
      { title: "Quiet Interiors", description: "Calm moments indoors.", imageIds: rest },
    ].filter((album) => album.imageIds.length > 0);
    return Response.json({
      candidates: [{
        content: { role: "model", parts: [{ text: JSON.stringify({ albums }) }] },
        finishReason: "STOP",
        index: 0,
      }],
      usageMetadata: { promptTokenCount: 1200, candidatesTokenCount: 80, totalTokenCount: 1280 },
      modelVersion: "gemini-2.5-flash",
    });
  });
  const requestsListing = (imageId: string) =>
    requests.filter((request) =>
      String((request.body.contents as { parts: { text?: string }[] }[])[0].parts[0].text).includes(imageId)
    );
  return { server, requestsListing, origin: `http://127.0.0.1:${server.addr.port}` };
}

Deno.test({
  name:
    "Gemini organiser: its albums are used; when it fails, one fallback album holds every image and says why",
  ...noSanitizers,
  fn: async () => {
    const gemini = startFakeGemini();
    try {
      await withPlatform(
        {
          GOOGLE_AI_API_KEY: "AIza-test-key",
          GOOGLE_AI_BASE_URL: gemini.origin,
          GOOGLE_AI_VISION_MODEL: "gemini-2.5-flash",
        },
        async (platform) => {
          const user = await signedInUser(platform);
          const images = [
            await storedImage(platform, user, "Boats in a harbour at night", BLUE),
            await storedImage(platform, user, "A cat asleep on a sofa", RED),
            await storedImage(platform, user, "Lanterns over the harbour", BLUE),
          ];
          const organised = await organise(platform, user, images);
          assert.equal(organised.status, "succeeded", JSON.stringify(organised));
          assert.equal(organised.provider, "google");
          assert.equal(organised.usedFallback, false);
          assert.deepEqual(organised.albums.map((album) => [album.title, album.imageCount]), [
            ["Harbour Nocturnes", 2],
            ["Quiet Interiors", 1],
          ]);
          // Found by content: on a shared PostgreSQL, jobs an earlier platform left queued may come first.
          const [call] = gemini.requestsListing(images[0]);
          assert.equal(call.path, "/v1beta/models/gemini-2.5-flash:generateContent");
          assert.equal(call.key, "AIza-test-key");
          const parts = (call.body.contents as { parts: Record<string, unknown>[] }[])[0].parts;
          const inline = parts.filter((part) => part.inline_data) as { inline_data: { mime_type: string } }[];
          assert.equal(inline.length, 3);
          assert.ok(inline.every((part) => part.inline_data.mime_type === "image/webp"));
          const stored = await albumsInDb(platform, organised.albums.map((album) => album.id));
          assert.deepEqual(stored.map((album) => album.imageIds), [[images[0], images[2]], [images[1]]]);

          const unlucky = [
            ...images,
            await storedImage(platform, user, "An unlucky black cat crossing the road", [15, 15, 15]),
          ];
          const fallback = await organise(platform, user, unlucky);
          assert.equal(fallback.status, "succeeded", JSON.stringify(fallback));
          assert.equal(fallback.usedFallback, true);
          assert.equal(fallback.provider, "google");
          assert.equal(fallback.albums.length, 1);
          assert.equal(fallback.albums[0].title, "All selected images");
          assert.equal(fallback.albums[0].imageCount, 4);
          assert.match(
            fallback.error ?? "",
            /could not be sorted .* unavailable.*all 4 images were put in one album/,
          );
          // The provider's own retries ran before giving up.
          assert.equal(gemini.requestsListing(unlucky[3]).length, 3);
          const [album] = await albumsInDb(platform, [fallback.albums[0].id]);
          assert.equal(album.source, "ai-fallback");
          assert.deepEqual(album.imageIds, unlucky);
        },
      );
    } finally {
      await gemini.server.shutdown();
    }
  },
});

Deno.test({
  name:
    "review: the job only proposes, apply makes the reviewed albums once, bad groups refused, no token value in a title",
  ...noSanitizers,
  fn: () =>
    withPlatform({}, async (platform) => {
      const user = await signedInUser(platform);
      const boats = [
        await storedImage(platform, user, "Sailing boats at sunset on a calm sea", RED),
        await storedImage(platform, user, "Boats at sunset in the bay", RED),
      ];
      const cats = [
        await storedImage(platform, user, "A ginger cat asleep on a sofa", BLUE),
        await storedImage(platform, user, "Cat sleeping on the sofa by the window", BLUE),
      ];
      // Templates with personal tokens, rendered with a name and a company the titles must not show.
      const personal: string[] = [];
      for (
        const template of [
          "[FIRSTNAME] at the [COMPANY|Acme] office party",
          "[firstname]'s office party toast",
        ]
      ) {
        const id = await storedImage(platform, user, template, BLUE);
        await platform.db.asService((tx) =>
          tx.query("update public.images set resolved_prompt = $2 where id = $1", [
            id,
            template.replace(/\[firstname\]/i, "Zebedee").replace("[COMPANY|Acme]", "Quuxcorp"),
          ])
        );
        personal.push(id);
      }
      const all = [...boats, ...cats, ...personal];

      const proposed = await propose(platform, user, all);
      assert.equal(proposed.status, "proposed", JSON.stringify(proposed));
      assert.deepEqual(proposed.albums, []);
      assert.equal(proposed.imageCount, all.length);
      assert.equal(proposed.imagesSeen, all.length);
      assert.deepEqual(proposed.proposal!.flatMap((group) => group.imageIds).sort(), [...all].sort());
      for (const group of proposed.proposal!) {
        assert.doesNotMatch(group.title, /zebedee|quuxcorp|acme|\[|&/i, group.title);
        assert.doesNotMatch(group.description, /zebedee|quuxcorp|acme|\[/i, group.description);
      }
      assert.equal((await footprint(platform, user.id)).albums, 0, "nothing is made before apply");

      const apply = (body: unknown) => call(platform, user, "POST", `/${proposed.id}/apply`, body);
      for (
        const body of [
          { groups: [] },
          { groups: [{ title: "", imageIds: [boats[0]] }] },
          { groups: [{ title: "Bad\u0000title", imageIds: [boats[0]] }] },
          { groups: [{ title: "x".repeat(121), imageIds: [boats[0]] }] },
          { groups: [{ title: "Empty", imageIds: [] }] },
          { groups: [{ title: "Stranger", imageIds: [crypto.randomUUID()] }] },
          { groups: [{ title: "Twice", imageIds: [boats[0]] }, { title: "Again", imageIds: [boats[0]] }] },
          { groups: [{ title: "Extra", imageIds: [boats[0]], colour: "red" }] },
          {},
        ]
      ) {
        const refused = await expectJson(await apply(body), 400);
        assert.equal(refused.code, "VALIDATION_ERROR", JSON.stringify(body).slice(0, 100));
        assert.equal(typeof refused.error, "string");
        assert.equal(typeof refused.details, "object");
      }
      assert.equal((await footprint(platform, user.id)).albums, 0, "a refused apply makes nothing");
      const other = await signedInUser(platform);
      await expectError(
        await call(platform, other, "POST", `/${proposed.id}/apply`, {
          groups: [{ title: "Mine", imageIds: boats }],
        }),
        404,
        "NOT_FOUND",
      );

      // Renamed boats, cats merged with the party pictures; nothing else kept.
      const applied: Organisation = await expectJson(
        await apply({
          groups: [
            { title: "  Boats at sunset  ", imageIds: boats },
            { title: "Home and office", imageIds: [...cats, ...personal] },
          ],
        }),
        200,
      );
      assert.equal(applied.status, "succeeded");
      assert.deepEqual(applied.albums.map((album) => [album.title, album.imageCount]), [
        ["Boats at sunset", 2],
        ["Home and office", 4],
      ]);
      const stored = await albumsInDb(platform, applied.albums.map((album) => album.id));
      assert.deepEqual(stored.map((album) => album.imageIds), [boats, [...cats, ...personal]]);
      assert.deepEqual(stored.map((album) => album.source), ["ai", "ai"]);

      // A second apply (a double click, a retry) is a conflict and makes nothing more.
      const before = await footprint(platform, user.id);
      await expectError(await apply({ groups: [{ title: "Again", imageIds: boats }] }), 409, "CONFLICT");
      assert.deepEqual(await footprint(platform, user.id), before);
    }),
});

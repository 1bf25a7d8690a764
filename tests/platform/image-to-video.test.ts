// The image-to-video function end to end on the local platform (in-process, so the test can look
// at the database and settle a payment as the webhook does), with the platform's own media worker
// rendering through ffmpeg, and a fake Veo speaking the Gemini API's long-running operation format.
import assert from "node:assert/strict";
import { FunctionsHttpError } from "@supabase/supabase-js";
import { encodePngRgb } from "../../supabase/functions/_shared/images/png.ts";
import { enqueue } from "../../supabase/functions/_shared/jobs/queue.ts";
import { locateFfmpeg, probeMedia } from "../../supabase/functions/_shared/image-to-video/ffmpeg.ts";
import { createImageToVideoHandler } from "../../supabase/functions/_shared/image-to-video/video-handler.ts";
import { createFunction } from "../../supabase/functions/_shared/http/handler.ts";
import {
  callFunction,
  type SignedUpUser,
  signUpUser,
  startTestPlatform,
  stopPlatformAfterTests,
} from "../support/functions.ts";

const ffmpeg = locateFfmpeg();
const workDir = await Deno.makeTempDir({ prefix: "personify-video-test-" });

/** A 5 s 1280×720 clip: what the fake Veo hands out as its generated video. */
const veoClipPath = `${workDir}/veo-clip.mp4`;
const made = await new Deno.Command(ffmpeg, {
  args: [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=s=1280x720:r=24:d=5",
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    veoClipPath,
  ],
}).output();
assert.ok(made.success, new TextDecoder().decode(made.stderr));
const veoClip = await Deno.readFile(veoClipPath);

const veoKey = "AIza-test-veo-key-0123456789";
const veo = {
  /** What the next operation ends in. */
  outcome: "video" as "video" | "error",
  requests: [] as {
    instances: { prompt: string; image: { bytesBase64Encoded: string; mimeType: string } }[];
    parameters: Record<string, unknown>;
  }[],
  polls: new Map<string, number>(),
  outcomes: new Map<string, "video" | "error">(),
};
const fakeVeo = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (request) => {
  const url = new URL(request.url);
  if (request.headers.get("x-goog-api-key") !== veoKey) {
    return Response.json(
      { error: { code: 400, message: "API key not valid.", status: "INVALID_ARGUMENT" } },
      { status: 400 },
    );
  }
  const start = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/.exec(url.pathname);
  if (start && request.method === "POST") {
    veo.requests.push(await request.json());
    const name = `models/${start[1]}/operations/${crypto.randomUUID().slice(0, 12)}`;
    veo.outcomes.set(name, veo.outcome);
    return Response.json({ name });
  }
  const poll = /^\/v1beta\/(models\/[^/]+\/operations\/[^/]+)$/.exec(url.pathname);
  if (poll && request.method === "GET") {
    const name = poll[1];
    const count = (veo.polls.get(name) ?? 0) + 1;
    veo.polls.set(name, count);
    if (count < 2) return Response.json({ name, done: false, metadata: {} });
    if (veo.outcomes.get(name) === "error") {
      return Response.json({
        name,
        done: true,
        error: { code: 3, message: "The input image could not be used.", status: "INVALID_ARGUMENT" },
      });
    }
    const id = name.split("/").at(-1);
    return Response.json({
      name,
      done: true,
      response: {
        "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse",
        generateVideoResponse: {
          generatedSamples: [{ video: { uri: `${url.origin}/v1beta/files/${id}:download?alt=media` } }],
        },
      },
    });
  }
  if (/^\/v1beta\/files\/[^/]+:download$/.test(url.pathname)) {
    return new Response(veoClip, { headers: { "content-type": "video/mp4" } });
  }
  return Response.json({ error: { code: 404, message: "Not found", status: "NOT_FOUND" } }, { status: 404 });
});

const { platform, dataDir } = await startTestPlatform("personify-video-platform-", {
  env: {
    GOOGLE_AI_API_KEY: veoKey,
    GOOGLE_AI_BASE_URL: `http://127.0.0.1:${fakeVeo.addr.port}`,
    VEO_POLL_INTERVAL_MS: "100",
  },
});

interface User extends SignedUpUser {
  imageId: string;
  imagePath: string;
}

/** A landscape-ish 640×400 picture that is not 16:9, so crop and pad differ. */
async function testPng(): Promise<Uint8Array> {
  const width = 640;
  const height = 400;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const ring = Math.hypot(x - 320, y - 200) % 40 < 20;
      rgb[i] = (x * 255) / width;
      rgb[i + 1] = ring ? 200 : 60;
      rgb[i + 2] = (y * 255) / height;
    }
  }
  return await encodePngRgb(rgb, width, height);
}

async function signedInUser(): Promise<User> {
  const { client, id, token } = await signUpUser(platform, { emailPrefix: "video" });
  const imagePath = `${id}/${crypto.randomUUID()}.png`;
  const upload = await client.storage.from("images").upload(imagePath, await testPng(), {
    contentType: "image/png",
  });
  assert.equal(upload.error, null);
  const [{ imageId }] = await platform.db.asOwner((tx) =>
    tx.query<{ imageId: string }>(
      `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path, width, height)
       values ($1, 'rings', 'rings', 'local-render', 'local', $2, 640, 400) returning id as "imageId"`,
      [id, imagePath],
    )
  );
  return { client, id, token, imageId, imagePath };
}

/** Calls the function through the gateway with supabase-js, as the SPA does. */
async function call(user: User, path: string, method: "GET" | "POST" = "GET", body?: unknown) {
  const { data, error } = await user.client.functions.invoke(path, {
    method,
    body: body as Record<string, unknown>,
  });
  if (error instanceof FunctionsHttpError) {
    const response = error.context as Response;
    return { status: response.status, body: await response.json() };
  }
  assert.equal(error, null);
  return { status: 200, body: data };
}

async function create(user: User, body: Record<string, unknown>) {
  const response = await callFunction(platform, user, "image-to-video", "POST", "", body);
  return { status: response.status, body: await response.json() };
}

async function waitForStatus(user: User, videoId: string, wanted: string[], timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const seen: number[] = [];
  for (;;) {
    const { status, body } = await call(user, `image-to-video/${videoId}/status`);
    assert.equal(status, 200, JSON.stringify(body));
    seen.push(body.progress);
    if (wanted.includes(body.status)) return { ...body, progressSeen: seen };
    if (Date.now() > deadline) {
      throw new Error(`video ${videoId} still ${body.status} (${JSON.stringify(body)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function probeUrl(url: string, name: string) {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  const path = `${workDir}/${name}.mp4`;
  await Deno.writeFile(path, new Uint8Array(await response.arrayBuffer()));
  return await probeMedia(ffmpeg, path);
}

async function videoCount(userId: string) {
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ videos: number; jobs: number }>(
      `select (select count(*)::int from public.videos where user_id = $1) as videos,
              (select count(*)::int from private.jobs where queue = 'video-render' and user_id = $1) as jobs`,
      [userId],
    )
  );
  return row;
}

/** What the Stripe webhook does on payment_intent.succeeded, as the service. */
async function settle(videoId: string, userId: string) {
  await platform.db.asService(async (tx) => {
    await tx.query(
      `update public.videos set payment_status = 'paid', paid_at = now(), status = 'rendering', error = null
        where id = $1 and payment_status <> 'paid'`,
      [videoId],
    );
    await enqueue(tx, "video-render", { videoId, kind: "full" }, {
      idempotencyKey: `video-render:full:${videoId}`,
      userId,
    });
  });
}

const alice = await signedInUser();
const bob = await signedInUser();
let aliceVideoId = "";

Deno.test("a video from an imageId renders a watermarked 480p preview; the full video waits for payment", async () => {
  const created = await create(alice, {
    imageId: alice.imageId,
    effect: "ken-burns",
    duration: 2,
    resolution: "720p",
  });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  assert.equal(created.body.status, "processing");
  assert.ok(Number.isInteger(created.body.estimatedTime) && created.body.estimatedTime > 0);
  aliceVideoId = created.body.videoId;

  const ready = await waitForStatus(alice, aliceVideoId, ["preview_ready", "failed"]);
  assert.equal(ready.status, "preview_ready", ready.error);
  assert.equal(ready.progress, 100);
  assert.equal(ready.videoUrl, null);
  assert.equal(ready.paymentRequired, true);
  assert.equal(ready.paymentAmount, 100);
  assert.equal(ready.currency, "usd");
  assert.deepEqual([ready.effect, ready.duration, ready.resolution], ["ken-burns", 2, "720p"]);
  assert.ok(
    ready.progressSeen.every((value: number, i: number) => i === 0 || value >= ready.progressSeen[i - 1]),
  );
  const preview = await probeUrl(ready.previewUrl, "preview");
  assert.deepEqual([preview.video?.width, preview.video?.height, preview.video?.codec], [854, 480, "h264"]);
  assert.ok(Math.abs(preview.durationSeconds - 2) <= 0.1, `preview lasts ${preview.durationSeconds} s`);
  assert.equal(preview.audio, undefined, "no audio bed was asked for");

  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ source_width: number; preview_path: string; payment_amount_cents: number }>(
      "select source_width, preview_path, payment_amount_cents from public.videos where id = $1",
      [aliceVideoId],
    )
  );
  assert.equal(row.source_width, 640);
  assert.equal(row.preview_path, `${alice.id}/${aliceVideoId}-preview.mp4`);
});

Deno.test("the status never carries the full video's URL before settlement, whatever the client sends", async () => {
  for (
    const path of [
      `image-to-video/${aliceVideoId}/status?paid=true`,
      `image-to-video/${aliceVideoId}/status?payment_status=paid&videoUrl=1`,
    ]
  ) {
    const { status, body } = await call(alice, path);
    assert.equal(status, 200);
    assert.equal(body.videoUrl, null);
  }
  const response = await fetch(`${platform.url}/functions/v1/image-to-video/${aliceVideoId}/status`, {
    headers: {
      authorization: `Bearer ${alice.token}`,
      "x-payment-status": "paid",
      "stripe-signature": "t=1,v1=forged",
    },
  });
  assert.equal((await response.json()).videoUrl, null);
  const posted = await call(alice, `image-to-video/${aliceVideoId}/status`, "POST", { paid: true });
  assert.equal(posted.status, 405);
  const { body } = await call(alice, `image-to-video/${aliceVideoId}/status`);
  assert.equal(body.videoUrl, null);
  assert.equal(body.paymentRequired, true);
});

Deno.test("another user's video, an unknown id and a malformed id are all 404", async () => {
  for (const id of [aliceVideoId, crypto.randomUUID(), "not-a-uuid"]) {
    const { status, body } = await call(bob, `image-to-video/${id}/status`);
    assert.equal(status, 404, id);
    assert.equal(body.code, "NOT_FOUND");
  }
  const listed = await call(bob, "image-to-video");
  assert.deepEqual(listed.body.videos, []);
});

Deno.test("bad requests are 4xx in the one error shape and store nothing", async () => {
  const before = await videoCount(alice.id);
  const bobSigned = await bob.client.storage.from("images").createSignedUrl(bob.imagePath, 600);
  const aliceSigned = await alice.client.storage.from("images").createSignedUrl(alice.imagePath, 600);
  const foreignHost = aliceSigned.data!.signedUrl.replace(new URL(platform.url).host, "169.254.169.254");
  const base = { imageId: alice.imageId, effect: "zoom-in", duration: 3, resolution: "480p" };
  const cases: [Record<string, unknown>, number][] = [
    [{ ...base, effect: "spin" }, 400],
    [{ ...base, duration: 0 }, 400],
    [{ ...base, duration: 11 }, 400],
    [{ ...base, duration: 2.25 }, 400],
    [{ ...base, resolution: "4k" }, 400],
    [{ ...base, fit: "stretch" }, 400],
    [{ ...base, includeAudio: "yes" }, 400],
    [{ ...base, imageId: bob.imageId }, 404],
    [{ ...base, imageId: crypto.randomUUID() }, 404],
    [{ ...base, imageId: undefined }, 400],
    [{ ...base, imageUrl: aliceSigned.data!.signedUrl }, 400],
    [{ ...base, imageId: undefined, imageUrl: bobSigned.data!.signedUrl }, 400],
    [{ ...base, imageId: undefined, imageUrl: foreignHost }, 400],
    [{
      ...base,
      imageId: undefined,
      imageUrl: "http://127.0.0.1:9/storage/v1/object/sign/images/x.png?token=t",
    }, 400],
    [{
      ...base,
      imageId: undefined,
      imageUrl: `${platform.url}/storage/v1/object/public/images/${alice.imagePath}`,
    }, 400],
    [{
      ...base,
      imageId: undefined,
      imageUrl: `${platform.url}/storage/v1/object/sign/images/${alice.id}/../${bob.imagePath}?token=t`,
    }, 400],
    [{
      ...base,
      imageId: undefined,
      imageUrl: `${platform.url}/storage/v1/object/sign/images/${alice.id}/missing.png?token=t`,
    }, 404],
    [{ ...base, admin: true }, 400],
  ];
  for (const [body, expected] of cases) {
    const { status, body: answer } = await create(alice, body);
    assert.equal(status, expected, `${JSON.stringify(body)} → ${JSON.stringify(answer)}`);
    assert.equal(typeof answer.error, "string");
    assert.ok(answer.code && answer.details, JSON.stringify(answer));
  }
  assert.deepEqual(await videoCount(alice.id), before);
});

Deno.test("users can neither insert nor update video rows in the database: every write is the service's", async () => {
  const asAlice = { role: "authenticated", sub: alice.id };
  await assert.rejects(
    () =>
      platform.db.withClaims(asAlice, (tx) =>
        tx.query(
          `insert into public.videos (user_id, source_path, effect, duration_seconds, resolution)
           values ($1, $2, 'zoom-in', 2, '480p')`,
          [alice.id, alice.imagePath],
        )),
    /permission denied/,
  );
  for (
    const assignment of [
      "progress = 100",
      "payment_status = 'paid', paid_at = now()",
      "video_path = preview_path",
    ]
  ) {
    await assert.rejects(
      () =>
        platform.db.withClaims(
          asAlice,
          (tx) => tx.query(`update public.videos set ${assignment} where id = $1`, [aliceVideoId]),
        ),
      /permission denied/,
      assignment,
    );
  }
});

Deno.test("a settled payment renders the full video without watermark and issues its URL", async () => {
  await settle(aliceVideoId, alice.id);
  const done = await waitForStatus(alice, aliceVideoId, ["completed", "failed"]);
  assert.equal(done.status, "completed", done.error);
  assert.equal(done.paymentRequired, false);
  assert.ok(done.videoUrl);
  const full = await probeUrl(done.videoUrl, "full");
  assert.deepEqual([full.video?.width, full.video?.height, full.video?.codec], [1280, 720, "h264"]);
  assert.ok(Math.abs(full.durationSeconds - 2) <= 0.1, `full video lasts ${full.durationSeconds} s`);
  // Settling twice (a redelivered event) renders nothing more.
  await settle(aliceVideoId, alice.id);
  const [jobs] = await platform.db.asOwner((tx) =>
    tx.query<{ count: number }>(
      "select count(*)::int as count from private.jobs where payload->>'videoId' = $1",
      [aliceVideoId],
    )
  );
  assert.equal(jobs.count, 2, "one preview job and one full job");
  assert.equal((await call(bob, `image-to-video/${aliceVideoId}/status`)).status, 404);
});

Deno.test("a signed URL of one's own image works as the source, with pad and an audio bed", async () => {
  const signed = await alice.client.storage.from("images").createSignedUrl(alice.imagePath, 600);
  const created = await create(alice, {
    imageUrl: signed.data!.signedUrl,
    effect: "fade",
    duration: 1,
    resolution: "480p",
    fit: "pad",
    includeAudio: true,
  });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  const ready = await waitForStatus(alice, created.body.videoId, ["preview_ready", "failed"]);
  assert.equal(ready.status, "preview_ready", ready.error);
  const preview = await probeUrl(ready.previewUrl, "fade-preview");
  assert.equal(preview.audio?.codec, "aac");
  assert.ok(Math.abs(preview.durationSeconds - 1) <= 0.1, `lasts ${preview.durationSeconds} s`);

  const listed = await call(alice, "image-to-video");
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.body.videos.map((video: { id: string }) => video.id).slice(0, 2), [
    created.body.videoId,
    aliceVideoId,
  ]);
  assert.equal(listed.body.videos[0].imageId, alice.imageId, "the signed URL's image is linked");
  assert.equal(listed.body.videos[1].status, "completed");
  assert.ok(listed.body.videos[1].videoUrl);
  assert.equal(listed.body.videos[0].videoUrl, null);
});

Deno.test("ai-motion: a Veo operation, pending then done, becomes the preview; the full render reuses its clip", async () => {
  veo.outcome = "video";
  const requestsBefore = veo.requests.length;
  const created = await create(alice, {
    imageId: alice.imageId,
    effect: "ai-motion",
    duration: 3,
    resolution: "480p",
  });
  assert.equal(created.status, 202, JSON.stringify(created.body));
  const ready = await waitForStatus(alice, created.body.videoId, ["preview_ready", "failed"]);
  assert.equal(ready.status, "preview_ready", ready.error);
  assert.equal(veo.requests.length, requestsBefore + 1);
  const sent = veo.requests.at(-1)!;
  assert.equal(sent.instances[0].image.mimeType, "image/png");
  assert.ok(
    sent.instances[0].image.bytesBase64Encoded.startsWith("iVBORw0KGgo"),
    "the image goes as base64 PNG",
  );
  assert.equal(typeof sent.instances[0].prompt, "string");
  assert.equal(sent.parameters.aspectRatio, "16:9");
  const preview = await probeUrl(ready.previewUrl, "ai-preview");
  assert.deepEqual([preview.video?.width, preview.video?.height], [854, 480]);
  assert.ok(Math.abs(preview.durationSeconds - 3) <= 0.1, `lasts ${preview.durationSeconds} s`);

  await settle(created.body.videoId, alice.id);
  const done = await waitForStatus(alice, created.body.videoId, ["completed", "failed"]);
  assert.equal(done.status, "completed", done.error);
  assert.equal(veo.requests.length, requestsBefore + 1, "the paid render did not ask Veo again");
});

Deno.test("ai-motion: an operation that ends in an error fails the video with a readable reason", async () => {
  veo.outcome = "error";
  const created = await create(alice, {
    imageId: alice.imageId,
    effect: "ai-motion",
    duration: 5,
    resolution: "720p",
  });
  assert.equal(created.status, 202);
  const failed = await waitForStatus(alice, created.body.videoId, ["preview_ready", "failed"]);
  assert.equal(failed.status, "failed");
  assert.match(failed.error, /could not be used/);
  assert.equal(failed.previewUrl, null);
  assert.equal(failed.videoUrl, null);
});

Deno.test("a video its owner deletes before or during its render leaves no job running and no objects", async () => {
  const created = await create(alice, {
    imageId: alice.imageId,
    effect: "pan-up",
    duration: 3,
    resolution: "480p",
  });
  assert.equal(created.status, 202);
  const videoId = created.body.videoId;
  const deleted = await platform.db.withClaims(
    { role: "authenticated", sub: alice.id },
    (tx) => tx.query("delete from public.videos where id = $1 returning id", [videoId]),
  );
  assert.deepEqual(deleted, [{ id: videoId }]);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [job] = await platform.db.asOwner((tx) =>
      tx.query<{ status: string }>("select status from private.jobs where payload->>'videoId' = $1", [
        videoId,
      ])
    );
    if (job.status === "succeeded") break;
    assert.ok(Date.now() < deadline, `job still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const [objects] = await platform.db.asOwner((tx) =>
    tx.query<{ count: number }>(
      "select count(*)::int as count from storage.objects where bucket_id = 'videos' and name like $1",
      [`${alice.id}/${videoId}%`],
    )
  );
  assert.equal(objects.count, 0);
  assert.equal((await call(alice, `image-to-video/${videoId}/status`)).status, 404);
});

Deno.test("ai-motion without a Google key is refused with a clear 400 and nothing stored", async () => {
  const withoutKey = createFunction(
    "image-to-video",
    createImageToVideoHandler(() => ({
      db: platform.db,
      env: (
        name,
      ) => (name.startsWith("GOOGLE_AI")
        ? undefined
        : name === "SUPABASE_URL"
        ? platform.url
        : Deno.env.get(name)),
    })),
  );
  const before = await videoCount(alice.id);
  const response = await withoutKey.fetch(
    new Request("http://localhost/image-to-video", {
      method: "POST",
      headers: { authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
      body: JSON.stringify({ imageId: alice.imageId, effect: "ai-motion", duration: 4, resolution: "720p" }),
    }),
  );
  const body = await response.json();
  assert.equal(response.status, 400);
  assert.equal(body.code, "VALIDATION_ERROR");
  assert.equal(body.details.reason, "PROVIDER_NOT_CONFIGURED");
  assert.match(body.error, /GOOGLE_AI_API_KEY/);
  assert.deepEqual(await videoCount(alice.id), before);
});

/** A video mid-render whose job the queue gave up on: its worker died on the last attempt. */
async function videoWithLostRender(user: User, state: { status: string; paid: boolean }) {
  const kind = state.status === "rendering" ? "full" : "preview";
  const [{ id }] = await platform.db.asOwner((tx) =>
    tx.query<{ id: string }>(
      `insert into public.videos (user_id, image_id, source_path, effect, duration_seconds, resolution, status,
          payment_status, paid_at, payment_intent_id, payment_amount_cents)
       values ($1, $2, $3, 'zoom-in', 2, '720p', $4, $5, case when $6 then now() end,
          case when $6 then 'pi_localtest_' || md5(random()::text) end, 100)
       returning id`,
      [user.id, user.imageId, user.imagePath, state.status, state.paid ? "paid" : "unpaid", state.paid],
    )
  );
  await platform.db.asOwner((tx) =>
    tx.query(
      `insert into private.jobs (queue, payload, status, attempts, max_attempts, last_error, idempotency_key, user_id)
       values ('video-render', $1::text::jsonb, 'dead', 3, 3, 'worker lost', $2, $3)`,
      [JSON.stringify({ videoId: id, kind }), `video-render:${kind}:${id}`, user.id],
    )
  );
  return id;
}

async function refundJobs(videoId: string) {
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ count: number }>(
      "select count(*)::int as count from private.jobs where queue = 'video-refund' and payload->>'videoId' = $1",
      [videoId],
    )
  );
  return row.count;
}

Deno.test("a render whose worker died on its last attempt fails the video when read, and a paid one is refunded", async () => {
  const paid = await videoWithLostRender(alice, { status: "rendering", paid: true });
  const { status, body } = await call(alice, `image-to-video/${paid}/status`);
  assert.equal(status, 200);
  assert.equal(body.status, "failed");
  assert.equal(body.videoUrl, null);
  assert.equal(await refundJobs(paid), 1);
  const refunded = await waitForStatus(alice, paid, ["failed"]).then(async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await call(alice, `image-to-video/${paid}/status`);
      if (body.paymentStatus === "refunded" || Date.now() > deadline) return body;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  });
  assert.equal(refunded.paymentStatus, "refunded");
  assert.match(refunded.error, /refunded/);
  // Reading it again fails nothing twice and queues no second refund.
  await call(alice, `image-to-video/${paid}/status`);
  assert.equal(await refundJobs(paid), 1);

  const unpaid = await videoWithLostRender(alice, { status: "processing", paid: false });
  const { body: listed } = await call(alice, "image-to-video");
  const entry = listed.videos.find((video: { id: string }) => video.id === unpaid);
  assert.equal(entry.status, "failed");
  assert.match(entry.error, /stopped before it finished/);
  assert.equal(await refundJobs(unpaid), 0);
});

stopPlatformAfterTests(platform, { servers: [fakeVeo], directories: [dataDir, workDir] });

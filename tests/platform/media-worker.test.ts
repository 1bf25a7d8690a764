// The media worker as its own process (npm run media-worker) beside a platform that runs none,
// sharing the PostgreSQL in DATABASE_URL: it renders previews, and a worker killed mid-render
// loses its lease to the next one, which finishes the video once. Also: no other worker (the
// platform's job worker, the hosted job-worker function) serves the video-render queue.
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { startPlatform } from "../../supabase/local/platform.ts";
import { createJobHandlers } from "../../supabase/functions/_shared/job-worker/job-handlers.ts";
import { encodePngRgb } from "../../supabase/functions/_shared/images/png.ts";
import { createMediaJobHandlers } from "../../supabase/functions/_shared/image-to-video/media-worker.ts";

const databaseUrl = Deno.env.get("DATABASE_URL");

Deno.test("only the media worker serves the video-render queue", () => {
  const runtime = {
    db: {} as never,
    env: (name: string) => (name === "SUPABASE_URL" ? "http://127.0.0.1:1" : "key"),
  };
  assert.ok(
    !("video-render" in createJobHandlers(runtime)),
    "the job worker (platform timer, job-worker function)",
  );
  assert.deepEqual(Object.keys(createMediaJobHandlers(runtime)), ["video-render"]);
});

Deno.test({
  name: "a media worker process renders; killed mid-render, the next worker finishes the video once",
  ignore: !databaseUrl,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "personify-media-worker-" });
    const platform = await startPlatform({ port: 0, dataDir, databaseUrl, mediaWorker: false });
    const workers: Deno.ChildProcess[] = [];
    const startWorker = async () => {
      const child = new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-all",
          new URL("../../supabase/workers/media-worker.ts", import.meta.url).pathname,
          "--lease-seconds",
          "3",
        ],
        env: {
          DATABASE_URL: databaseUrl!,
          SUPABASE_URL: platform.url,
          SUPABASE_SERVICE_ROLE_KEY: platform.serviceRoleKey,
        },
        stdout: "piped",
        stderr: "null",
      }).spawn();
      workers.push(child);
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      let printed = "";
      while (!printed.includes("media worker ready")) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`media worker exited: ${printed}`);
        printed += value;
      }
      reader.releaseLock();
      child.stdout.cancel().catch(() => {});
      return child;
    };
    try {
      const client = createClient(platform.url, platform.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
      });
      const { data } = await client.auth.signUp({
        email: `media-${crypto.randomUUID()}@example.test`,
        password: "correct horse battery",
      });
      const userId = data.user!.id;
      const imagePath = `${userId}/source.png`;
      const rgb = new Uint8Array(640 * 360 * 3).map((_, i) => (i * 7) % 251);
      await client.storage.from("images").upload(imagePath, await encodePngRgb(rgb, 640, 360), {
        contentType: "image/png",
      });
      const [{ id: imageId }] = await platform.db.asOwner((tx) =>
        tx.query<{ id: string }>(
          `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path, width, height)
           values ($1, 'noise', 'noise', 'local-render', 'local', $2, 640, 360) returning id`,
          [userId, imagePath],
        )
      );
      const create = async (duration: number) => {
        const { data, error } = await client.functions.invoke("image-to-video", {
          body: { imageId, effect: "zoom-in", duration, resolution: "480p" },
        });
        assert.equal(error, null);
        return data.videoId as string;
      };
      const row = async (videoId: string) =>
        (await platform.db.asOwner((tx) =>
          tx.query<{ status: string; progress: number; attempts: number; job: string }>(
            `select v.status, v.progress, j.attempts, j.status as job from public.videos v
               join private.jobs j on j.payload->>'videoId' = v.id::text where v.id = $1`,
            [videoId],
          )
        ))[0];
      const waitFor = async (videoId: string, done: (r: Awaited<ReturnType<typeof row>>) => boolean) => {
        const deadline = Date.now() + 120_000;
        for (;;) {
          const current = await row(videoId);
          if (done(current)) return current;
          if (Date.now() > deadline) throw new Error(`video ${videoId}: ${JSON.stringify(current)}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      };

      // Nothing renders without a media worker.
      const waiting = await create(1);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual([(await row(waiting)).status, (await row(waiting)).job], ["processing", "queued"]);

      const first = await startWorker();
      const done = await waitFor(waiting, (r) => r.status === "preview_ready");
      assert.equal(done.job, "succeeded");

      // A long render, killed once it has made progress: its lease runs out and a new worker takes over.
      const long = await create(10);
      await waitFor(long, (r) => r.progress > 0);
      first.kill("SIGKILL");
      await first.status;
      await startWorker();
      const finished = await waitFor(long, (r) => r.status === "preview_ready" && r.job === "succeeded");
      assert.equal(finished.attempts, 2, "claimed twice: by the killed worker, then by the next");
      assert.equal(finished.progress, 100);
      const [objects] = await platform.db.asOwner((tx) =>
        tx.query<{ count: number }>(
          "select count(*)::int as count from storage.objects where bucket_id = 'videos' and name = $1",
          [`${userId}/${long}-preview.mp4`],
        )
      );
      assert.equal(objects.count, 1);
    } finally {
      for (const worker of workers) {
        try {
          worker.kill("SIGTERM");
        } catch {
          // already gone
        }
        await worker.status;
      }
      await platform.close();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});

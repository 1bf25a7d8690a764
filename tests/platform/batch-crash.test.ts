// Worker processes killed with SIGKILL mid-batch, ten times at random points, then restarted:
// every row must end with exactly one image and one ledger debit. The workers are separate
// processes (supabase/workers/job-worker.ts) sharing the database, so this runs on PostgreSQL
// (DATABASE_URL; CI's `npm run test:db`); PGlite is one process's in-memory database.
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { startPlatform } from "../../supabase/local/platform.ts";

const databaseUrl = Deno.env.get("DATABASE_URL");
const workerModule = new URL("../../supabase/workers/job-worker.ts", import.meta.url).pathname;
const rows = 200;
const kills = 10;

Deno.test({
  name: "workers killed with SIGKILL ten times mid-batch lose no row and duplicate no image or debit",
  ignore: !databaseUrl,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "personify-batch-crash-" });
    const latency = "120";
    const platform = await startPlatform({
      port: 0,
      dataDir,
      databaseUrl,
      env: { LOCAL_IMAGE_LATENCY_MS: latency },
      jobWorker: false,
    });
    const workers = new Map<number, Deno.ChildProcess>();
    const spawnWorker = (slot: number) => {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "--allow-all", workerModule, "--concurrency", "4", "--lease-seconds", "2"],
        env: {
          DATABASE_URL: databaseUrl!,
          SUPABASE_URL: platform.url,
          SUPABASE_SERVICE_ROLE_KEY: platform.serviceRoleKey,
          LOCAL_IMAGE_LATENCY_MS: latency,
        },
        stdout: "null",
        stderr: "null",
      }).spawn();
      workers.set(slot, child);
    };
    try {
      const client = createClient(platform.url, platform.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
      });
      const { data, error } = await client.auth.signUp({
        email: `crash-${crypto.randomUUID()}@example.test`,
        password: "correct horse battery",
      });
      assert.equal(error, null);
      const userId = data.user!.id;
      await platform.db.asService((tx) =>
        tx.query(
          "insert into public.credit_ledger (user_id, amount, reason, description) values ($1, $2, 'admin_adjustment', 'test')",
          [userId, rows],
        )
      );
      const call = async (method: string, path: string, body?: unknown) => {
        const response = await fetch(`${platform.url}/functions/v1/batch${path}`, {
          method,
          headers: {
            "content-type": "application/json",
            authorization: `Bearer ${data.session!.access_token}`,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = await response.json();
        assert.ok(response.ok, JSON.stringify(json));
        return json;
      };
      const csv = [
        "firstname,company",
        ...Array.from({ length: rows }, (_, index) => `Person${index + 1},Acme ${index + 1}`),
      ]
        .join("\n");
      const { batch } = await call("POST", "", {
        csv,
        prompt: "Portrait of [FIRSTNAME] at [COMPANY]",
        model: "local",
      });
      await call("POST", `/${batch.id}/start`);

      spawnWorker(0);
      spawnWorker(1);
      const openAtKill: number[] = [];
      for (let kill = 0; kill < kills; kill++) {
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
        const slot = Math.random() < 0.5 ? 0 : 1;
        const victim = workers.get(slot)!;
        victim.kill("SIGKILL");
        await victim.status;
        const { batch: now } = await call("GET", `/${batch.id}`);
        openAtKill.push(now.counts.queued + now.counts.running);
        spawnWorker(slot);
      }
      assert.ok(openAtKill.every((open) => open > 0), `every kill came mid-batch: ${openAtKill}`);

      const deadline = Date.now() + 120_000;
      let status = "";
      while (Date.now() < deadline) {
        status = (await call("GET", `/${batch.id}`)).batch.status;
        if (status === "completed") break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.equal(status, "completed");

      const [result] = await platform.db.asOwner((tx) =>
        tx.query<Record<string, number>>(
          `select count(*) filter (where i.status = 'succeeded')::int as succeeded,
                  count(*) filter (where (select count(*) from public.images m where m.id = i.id) = 1
                                     and i.image_id = i.id)::int as with_one_image,
                  count(*) filter (where (select count(*) from public.credit_ledger l
                                           where l.reference_id = i.id::text and l.reason = 'batch_row') = 1)::int
                    as with_one_debit,
                  (select count(*)::int from public.images where user_id = $2) as images,
                  (select count(*)::int from public.credit_ledger where user_id = $2 and reason = 'batch_row') as debits,
                  (select count(*)::int from public.credit_ledger where user_id = $2 and reason = 'refund') as refunds,
                  (select coalesce(sum(amount), 0)::int from public.credit_ledger where user_id = $2) as balance,
                  (select count(*)::int from storage.objects where bucket_id = 'images' and name like $2 || '/%')
                    as objects,
                  (select count(*)::int from private.jobs where user_id = $2 and attempts > 1) as retried_jobs
             from public.batch_items i where i.batch_id = $1`,
          [batch.id, userId],
        )
      );
      const { retried_jobs: retriedJobs, ...outcome } = result;
      assert.ok(retriedJobs > 0, "the kills interrupted jobs that then ran again");
      assert.deepEqual(outcome, {
        succeeded: rows,
        with_one_image: rows,
        with_one_debit: rows,
        images: rows,
        debits: rows,
        refunds: 0,
        balance: 100,
        objects: rows * 2,
      });
    } finally {
      for (const child of workers.values()) {
        try {
          child.kill("SIGTERM");
        } catch {
          // already gone
        }
        await child.status;
      }
      await platform.close();
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});

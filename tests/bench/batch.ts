// npm run bench:batch — a 1,000-row batch with the `local` provider at 200 ms a call and a cap of
// 10 concurrent calls: the ideal is 1,000 × 0.2 s / 10 = 20 s. Prints the wall time from start to
// the last row and its ratio to the ideal (target ≤ 1.10). On PGlite by default, or the
// PostgreSQL in DATABASE_URL. Images are 256 px: every row also renders its image and encodes a
// WebP thumbnail on this one process's CPU (about 12 ms at 256 px, 26 ms at the default 512 px),
// and at 512 px that alone exceeds the 20 ms a row may take here, so the bench would measure the
// CPU rather than the queue and the limiter. BENCH_IMAGE_SIZE=512 shows that case.
import { createClient } from "@supabase/supabase-js";
import { startPlatform } from "../../supabase/local/platform.ts";

const rows = Number(Deno.env.get("BENCH_ROWS") ?? "1000");
const latencyMs = 200;
const cap = 10;
const imageSize = Deno.env.get("BENCH_IMAGE_SIZE") ?? "256";
const idealMs = (rows * latencyMs) / cap;

const dataDir = await Deno.makeTempDir({ prefix: "personify-bench-batch-" });
const platform = await startPlatform({
  port: 0,
  dataDir,
  databaseUrl: Deno.env.get("DATABASE_URL") || undefined,
  env: { LOCAL_IMAGE_LATENCY_MS: String(latencyMs), PROVIDER_CONCURRENCY_LOCAL: String(cap) },
  // More jobs in flight than provider slots, so a slot never waits on a row's database work.
  jobWorker: { concurrency: cap * 3, pollIntervalMs: 100 },
});

try {
  const client = createClient(platform.url, platform.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { data, error } = await client.auth.signUp({
    email: `bench-${crypto.randomUUID()}@example.test`,
    password: "benchmark-password",
  });
  if (error) throw error;
  await platform.db.asService((tx) =>
    tx.query(
      "insert into public.credit_ledger (user_id, amount, reason, description) values ($1, $2, 'admin_adjustment', 'bench')",
      [data.user!.id, rows],
    )
  );
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.url}/functions/v1/batch${path}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${data.session!.access_token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json)}`);
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
    settings: { size: imageSize },
  });

  const started = performance.now();
  await call("POST", `/${batch.id}/start`);
  let status = await call("GET", `/${batch.id}`);
  while (status.batch.status !== "completed") {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = await call("GET", `/${batch.id}`);
  }
  const wallMs = performance.now() - started;
  const counts = status.batch.counts;
  console.info(
    [
      `bench:batch (${platform.db.kind}): ${rows} rows, local provider at ${latencyMs} ms, cap ${cap}, ${imageSize} px`,
      `  succeeded ${counts.succeeded}, failed ${counts.failed}`,
      `  wall ${(wallMs / 1000).toFixed(2)} s, ideal ${(idealMs / 1000).toFixed(2)} s, ratio ${
        (wallMs / idealMs).toFixed(3)
      } (target ≤ 1.10)`,
    ].join("\n"),
  );
} finally {
  await platform.close();
  await Deno.remove(dataDir, { recursive: true });
}

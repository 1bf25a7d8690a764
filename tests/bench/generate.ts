// npm run bench:generate — p50/p95 of the whole image-generation call (HTTP in, PNG + WebP stored,
// row and ledger written, signed URLs out) with the `local` provider at zero latency, at
// concurrency 1 and 16, on the in-process local platform. Target: p95 ≤ 50 ms at 16.
import { createClient } from "@supabase/supabase-js";
import { startPlatform } from "../../supabase/local/platform.ts";

const requestsPerLevel = Number(Deno.env.get("BENCH_REQUESTS") ?? "160");
const dataDir = await Deno.makeTempDir({ prefix: "personify-bench-generate-" });
const platform = await startPlatform({
  port: 0,
  dataDir,
  databaseUrl: Deno.env.get("DATABASE_URL") || undefined,
  env: { LOCAL_IMAGE_LATENCY_MS: "0" },
});

/** A user per 90 requests keeps every user under the 100-a-minute rate limit. */
async function users(count: number) {
  const tokens: string[] = [];
  for (let index = 0; index < count; index++) {
    const client = createClient(platform.url, platform.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    });
    const { data, error } = await client.auth.signUp({
      email: `bench-${crypto.randomUUID()}@example.test`,
      password: "benchmark-password",
    });
    if (error) throw error;
    tokens.push(data.session!.access_token);
  }
  return tokens;
}

async function timedGeneration(token: string, prompt: string) {
  const started = performance.now();
  const response = await fetch(`${platform.url}/functions/v1/image-generation`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ prompt, model: "local", tokens: { FIRSTNAME: "Ada" } }),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`generation failed: ${response.status}`);
  return performance.now() - started;
}

async function level(concurrency: number) {
  const tokens = await users(Math.ceil(requestsPerLevel / 90));
  const timings: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requestsPerLevel) {
      const index = next++;
      timings.push(
        await timedGeneration(
          tokens[Math.floor(index / 90)],
          `Bench portrait of [FIRSTNAME] number ${index}`,
        ),
      );
    }
  }));
  const wall = performance.now() - started;
  timings.sort((a, b) => a - b);
  const at = (quantile: number) =>
    timings[Math.min(timings.length - 1, Math.floor(quantile * timings.length))];
  return { concurrency, p50: at(0.5), p95: at(0.95), throughput: (requestsPerLevel / wall) * 1000 };
}

await timedGeneration((await users(1))[0], "warm-up of [FIRSTNAME]");
const results = [await level(1), await level(16)];
console.info(
  `image-generation, local provider at 0 ms, ${requestsPerLevel} requests per level, ${platform.db.kind}:`,
);
for (const result of results) {
  console.info(
    `  concurrency ${String(result.concurrency).padStart(2)}: p50 ${result.p50.toFixed(1)} ms, p95 ${
      result.p95.toFixed(1)
    } ms, ${result.throughput.toFixed(1)} images/s`,
  );
}
console.info(`target p95 ≤ 50 ms at concurrency 16: ${results[1].p95 <= 50 ? "met" : "NOT met"}`);
await platform.close();
await Deno.remove(dataDir, { recursive: true });

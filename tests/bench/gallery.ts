// npm run bench:gallery — one user with 100,000 images (and a second user with 20,000, so that
// the user filter matters), then the p95 server time of the gallery's three hot reads:
//   first page · page 1,000 by cursor (limit 50, so after row 49,950) · a prompt search.
// For each: the database work alone (the list query in its transaction, as the handler runs it);
// the whole handler called in-process (token check, query, thumbnails), once as it runs (URLs
// signed in the last 30 minutes are reused) and once with every thumbnail of the page signed in
// one Storage call (a fresh handler per request); and the round trip through the functions
// gateway over HTTP. Targets: ≤ 10 / 10 / 50 ms.
// PGlite by default, the PostgreSQL in DATABASE_URL when set. BENCH_IMAGES / BENCH_RUNS override.
import { createClient } from "@supabase/supabase-js";
import {
  decodeTimelineCursor,
  encodeTimelineCursor,
} from "../../supabase/functions/_shared/gallery/gallery-cursor.ts";
import {
  createGalleryHandler,
  toListRequest,
} from "../../supabase/functions/_shared/gallery/gallery-handler.ts";
import { listTimeline } from "../../supabase/functions/_shared/gallery/gallery-store.ts";
import { getRuntime } from "../../supabase/functions/_shared/runtime.ts";
import { startPlatform } from "../../supabase/local/platform.ts";
import { insertSeedImages, storePlaceholders } from "../../scripts/seed-gallery.ts";

const imageCount = Number(Deno.env.get("BENCH_IMAGES") ?? "100000");
const runs = Number(Deno.env.get("BENCH_RUNS") ?? "200");
const pageSize = 50;

const dataDir = await Deno.makeTempDir({ prefix: "personify-bench-gallery-" });
const platform = await startPlatform({
  port: 0,
  dataDir,
  databaseUrl: Deno.env.get("DATABASE_URL") || undefined,
  jobWorker: false,
});
// The runtime the platform handed its functions.
const runtime = getRuntime();

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

async function measure(fn: () => Promise<unknown>): Promise<{ p95: number; median: number }> {
  for (let warmup = 0; warmup < 10; warmup++) await fn();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { p95: p95(samples), median: sorted[Math.floor(sorted.length / 2)] };
}

async function signedUpUser(email: string) {
  const client = createClient(platform.url, platform.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const { data, error } = await client.auth.signUp({ email, password: "benchmark-password" });
  if (error) throw error;
  return { id: data.user!.id, token: data.session!.access_token };
}

try {
  const user = await signedUpUser(`bench-gallery-${crypto.randomUUID()}@example.test`);
  const other = await signedUpUser(`bench-other-${crypto.randomUUID()}@example.test`);
  const seedStarted = performance.now();
  // As many distinct thumbnails as a page holds, so that signing a whole page signs 50 objects.
  const placeholders = await storePlaceholders(platform.db, dataDir, user.id, pageSize);
  await insertSeedImages(platform.db, user.id, imageCount, placeholders);
  await insertSeedImages(
    platform.db,
    other.id,
    imageCount / 5,
    await storePlaceholders(platform.db, dataDir, other.id),
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const [deep] = await platform.db.asOwner((tx) =>
    tx.query<{ id: string; micros: string }>(
      `select id, (extract(epoch from created_at) * 1000000)::bigint::text as micros from public.images
        where user_id = $1 order by created_at desc, id desc offset $2 limit 1`,
      [user.id, 999 * pageSize - 1],
    )
  );
  const pageThousandCursor = encodeTimelineCursor({ t: Number(deep.micros), id: deep.id });
  const searches = { common: "lighthouse", rare: "#4242" };
  const cases: Record<string, string> = {
    "first page": `limit=${pageSize}`,
    "page 1,000 by cursor": `limit=${pageSize}&cursor=${pageThousandCursor}`,
    [`search "${searches.common}"`]: `limit=${pageSize}&q=${encodeURIComponent(searches.common)}`,
    [`search "${searches.rare}"`]: `limit=${pageSize}&q=${encodeURIComponent(searches.rare)}`,
  };
  const handler = createGalleryHandler(() => runtime);
  const targets: Record<string, number> = { "first page": 10, "page 1,000 by cursor": 10 };

  console.log(
    `${platform.db.kind}: ${imageCount} images for the user (+${imageCount / 5} for another), seeded in ${
      seedSeconds.toFixed(1)
    } s; ${runs} runs each, times in ms`,
  );
  console.log(
    "case                      | db p95 | db median | handler p95 | handler p95, all signed | http p95 | handler median | target | rows",
  );
  for (const [name, query] of Object.entries(cases)) {
    const request = toListRequest(Object.fromEntries(new URLSearchParams(query)));
    const cursor = request.cursor ? decodeTimelineCursor(request.cursor) : undefined;
    let rows = 0;
    const db = await measure(async () => {
      rows = (await platform.db.withClaims({ role: "authenticated", sub: user.id }, (tx) =>
        listTimeline(tx, user.id, request.filters, { limit: request.limit, cursor }))).length;
    });
    const whole = await measure(async () => {
      const response = await handler(
        new Request(`${platform.url}/gallery?${query}`, {
          headers: { authorization: `Bearer ${user.token}` },
        }),
      );
      if (response.status !== 200) throw new Error(`${name}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    });
    const signingAll = await measure(async () => {
      const response = await createGalleryHandler(() => runtime)(
        new Request(`${platform.url}/gallery?${query}`, {
          headers: { authorization: `Bearer ${user.token}` },
        }),
      );
      if (response.status !== 200) throw new Error(`${name}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    });
    const http = await measure(async () => {
      const response = await fetch(`${platform.url}/functions/v1/gallery?${query}`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
      if (response.status !== 200) throw new Error(`${name}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    });
    const target = targets[name] ?? 50;
    console.log(
      `${name.padEnd(25)} | ${db.p95.toFixed(1).padStart(6)} | ${db.median.toFixed(1).padStart(9)} | ${
        whole.p95.toFixed(1).padStart(11)
      } | ${signingAll.p95.toFixed(1).padStart(23)} | ${http.p95.toFixed(1).padStart(8)} | ${
        whole.median.toFixed(1).padStart(14)
      } | ${String(target).padStart(6)} | ${rows}${whole.p95 > target ? "  (handler over target)" : ""}`,
    );
  }
} finally {
  await platform.close();
  await Deno.remove(dataDir, { recursive: true });
}

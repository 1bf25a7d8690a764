// npm run bench:startup — the platform's cold start (fresh data dir: boot + migrations) and warm
// restart, measured from spawning the process to its "ready" line. Target: cold ≤ 5 s.
import { spawnPlatform } from "../support/platform.ts";

const runs = Number(Deno.env.get("BENCH_RUNS") ?? "3");
const cold: number[] = [];
const warm: number[] = [];
const reported: number[] = [];

async function timedStart(dataDir: string) {
  const started = performance.now();
  const platform = await spawnPlatform({ dataDir });
  const elapsed = performance.now() - started;
  reported.push(Number(/started in (\d+) ms/.exec(platform.output())?.[1] ?? NaN));
  await platform.close();
  return elapsed;
}

for (let run = 0; run < runs; run++) {
  const dataDir = await Deno.makeTempDir({ prefix: "personify-bench-" });
  cold.push(await timedStart(dataDir));
  warm.push(await timedStart(dataDir));
  await Deno.remove(dataDir, { recursive: true });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms (runs: ${values.map((v) => v.toFixed(0)).join(", ")})`;
const backend = Deno.env.get("DATABASE_URL") ? "PostgreSQL" : "PGlite";
console.info(`platform startup on ${backend}, ${runs} runs, spawn → ready:`);
console.info(`  cold (fresh data dir, boot + migrations): ${format(cold)}`);
console.info(`  warm (existing data dir):                 ${format(warm)}`);
console.info(
  `  in-process boot + migrations as reported: ${format(reported.filter((v) => !Number.isNaN(v)))}`,
);
console.info(`cold-start target ≤ 5000 ms: ${median(cold) <= 5000 ? "met" : "NOT met"}`);

import path from "node:path";
import { startProcess } from "./processes.mjs";

/**
 * Starts the local platform (Auth, Functions, Storage, Postgres) on a free port with its data in
 * `dataDir`. It uses the PostgreSQL in DATABASE_URL when the environment sets it, PGlite otherwise.
 */
export async function startPlatform({ repoRoot, dataDir, timeoutMs = 90_000 }) {
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  const platform = startProcess(
    path.join(repoRoot, "node_modules/.bin/deno"),
    ["run", "--allow-all", "supabase/local/main.ts", "--port", "0", "--data", dataDir],
    {
      cwd: repoRoot,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      onLine: (line) => {
        const match = /^ready (\S+)$/.exec(line);
        if (match) resolveReady(match[1]);
      },
    },
  );
  let timer;
  const url = await Promise.race([
    ready,
    platform.exited.then(({ code, signal }) => {
      throw new Error(`the platform exited (${signal ?? code}) before it was ready:\n${platform.output()}`);
    }),
    new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the platform was not ready in ${timeoutMs / 1000} s:\n${platform.output()}`)),
        timeoutMs,
      );
    }),
  ]).catch(async (error) => {
    await platform.stop();
    throw error;
  }).finally(() => clearTimeout(timer));
  const anonKey = /anon key:\s+(\S+)/.exec(platform.output())?.[1];
  if (!anonKey) {
    await platform.stop();
    throw new Error(`the platform printed no anon key:\n${platform.output()}`);
  }
  return { url, anonKey, output: platform.output, stop: platform.stop };
}

// `npm run test:e2e`: the browser tests, end to end. Starts the local platform on a free port with a
// throwaway data dir (DATABASE_URL is honoured), builds the SPA against it, serves the build on
// 127.0.0.1, runs tests/e2e/*.test.mjs with node:test in Debian's Chromium, prints a summary, and
// always stops what it started.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { fileURLToPath } from "node:url";
import { chromiumPath, screenshotDir } from "./support/browser.mjs";
import { startPlatform } from "./support/platform.mjs";
import { runToCompletion } from "./support/processes.mjs";
import { serveStatic } from "./support/static-server.mjs";

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(e2eDir, "../..");
const cleanups = [];
/** Aborting stops the test files' processes, and with them their browsers. */
const testRun = new AbortController();

async function cleanUp() {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    await cleanup().catch((error) => console.error(`clean-up failed: ${error.message}`));
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping the tests, the platform and the server…`);
    testRun.abort();
    await cleanUp();
    process.exit(130);
  });
}

function step(message) {
  console.info(`\n▶ ${message}`);
}

/**
 * The gallery scroll test needs one user with 10,000 images. PGlite allows one process per data
 * dir, so the seed runs before the platform starts on it (DATABASE_URL is honoured by both).
 */
const gallerySeed = { email: "gallery-scroll@example.com", password: "correct-horse-42", count: 10_000 };

async function seedGallery(dataDir) {
  await runToCompletion(
    path.join(repoRoot, "node_modules/.bin/deno"),
    [
      "run",
      "--allow-all",
      "scripts/seed-gallery.ts",
      "--email",
      gallerySeed.email,
      "--password",
      gallerySeed.password,
      "--count",
      String(gallerySeed.count),
      "--data",
      dataDir,
      "--replace",
    ],
    { cwd: repoRoot, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" } },
  );
}

async function main() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}. On Debian: apt-get install -y chromium`);
  }

  // `node tests/e2e/run.mjs video.test.mjs` runs only the files named; no names runs them all.
  const only = process.argv.slice(2).map((name) => path.basename(name));
  const files = readdirSync(e2eDir)
    .filter((name) => name.endsWith(".test.mjs") && (only.length === 0 || only.includes(name)))
    .sort()
    .map((name) => path.join(e2eDir, name));
  const workDir = mkdtempSync(path.join(tmpdir(), "personify-e2e-"));
  cleanups.push(async () => rmSync(workDir, { recursive: true, force: true }));

  if (files.some((file) => path.basename(file) === "gallery-scroll.test.mjs")) {
    step(`seeding a user with ${gallerySeed.count} images for the gallery scroll test`);
    await seedGallery(path.join(workDir, "data"));
    process.env.E2E_GALLERY_SEED_EMAIL = gallerySeed.email;
    process.env.E2E_GALLERY_SEED_PASSWORD = gallerySeed.password;
    process.env.E2E_GALLERY_SEED_COUNT = String(gallerySeed.count);
  }

  step(
    `starting the local platform (${process.env.DATABASE_URL ? "PostgreSQL from DATABASE_URL" : "PGlite"})`,
  );
  const platform = await startPlatform({ repoRoot, dataDir: path.join(workDir, "data") });
  cleanups.push(platform.stop);
  console.info(`  platform at ${platform.url}`);

  step("building the SPA against it");
  const distDir = path.join(workDir, "dist");
  await runToCompletion(
    path.join(repoRoot, "node_modules/.bin/vite"),
    ["build", "--outDir", distDir, "--emptyOutDir", "--logLevel", "warn"],
    {
      cwd: repoRoot,
      env: { ...process.env, VITE_SUPABASE_URL: platform.url, VITE_SUPABASE_ANON_KEY: platform.anonKey },
    },
  );

  const server = await serveStatic(distDir);
  cleanups.push(server.close);
  console.info(`  app at ${server.url}`);

  rmSync(screenshotDir, { recursive: true, force: true });
  process.env.E2E_APP_URL = server.url;
  process.env.E2E_PLATFORM_URL = platform.url;
  process.env.E2E_ANON_KEY = platform.anonKey;

  step(`running ${files.length} test files in Chromium`);

  const counts = { passed: 0, failed: 0 };
  const stream = run({ files, concurrency: 1, signal: testRun.signal });
  stream.on("test:pass", (event) => {
    if (event.details?.type !== "suite" && !event.skip && !event.todo) counts.passed++;
  });
  stream.on("test:fail", (event) => {
    if (event.details?.type !== "suite") counts.failed++;
  });
  await new Promise((resolve, reject) => {
    const output = stream.compose(spec);
    output.pipe(process.stdout, { end: false });
    output.on("end", resolve);
    output.on("error", reject);
  });
  return counts;
}

let exitCode = 1;
try {
  const { passed, failed } = await main();
  console.info(`\nbrowser tests: ${passed} passed, ${failed} failed`);
  console.info(`screenshots: ${path.relative(process.cwd(), screenshotDir)}/`);
  exitCode = failed === 0 && passed > 0 ? 0 : 1;
} catch (error) {
  console.error(`\nbrowser tests could not run: ${error.stack ?? error}`);
  console.info("\nbrowser tests: 0 passed, 1 failed");
} finally {
  await cleanUp();
}
process.exit(exitCode);

// `npm run bench:bundle`: builds the SPA and prints the gzip size of the JavaScript the first route
// ("/") loads: the entry chunk with everything it imports statically, plus the home page's chunk.
// It also shows what a returning, signed-in visitor loads on top (supabase-js, to restore the
// session). Exits 1 when the first route goes over the budget.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const budgetKb = 150;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const firstRouteModule = "src/features/marketing/home-page.tsx";
/** Fetched on every start, but only after the first paint: animation features and the SW registration. */
const deferredModules = [
  "src/app/motion-features.ts",
  "node_modules/workbox-window/build/workbox-window.prod.es5.mjs",
];
/** Rollup names a shared chunk after its first module; src/lib/supabase.ts gives "supabase". */
const sessionChunkName = "supabase";

const outDir = mkdtempSync(path.join(tmpdir(), "personify-bundle-"));
try {
  const build = spawnSync(
    path.join(repoRoot, "node_modules/.bin/vite"),
    ["build", "--manifest", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
    {
      cwd: repoRoot,
      stdio: "inherit",
      env: {
        // The values don't change the bundle's size; a build only needs them to be present.
        VITE_SUPABASE_URL: "https://project-ref.supabase.co",
        VITE_SUPABASE_ANON_KEY: "anon-key",
        ...process.env,
      },
    },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);

  const manifest = JSON.parse(readFileSync(path.join(outDir, ".vite/manifest.json"), "utf8"));
  const gzipKb = (file) => gzipSync(readFileSync(path.join(outDir, file))).length / 1024;

  /** A manifest chunk's own file and its static imports, recursively, skipping those already counted. */
  const collect = (key, counted) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest; update scripts/bench-bundle.mjs`);
    if (counted.has(chunk.file)) return [];
    counted.add(chunk.file);
    return [chunk.file, ...(chunk.imports ?? []).flatMap((imported) => collect(imported, counted))];
  };

  const counted = new Set();
  const shellFiles = collect("index.html", counted);
  const routeFiles = collect(firstRouteModule, counted);
  const deferredFiles = deferredModules.flatMap((key) => collect(key, counted));
  const sessionKey = Object.keys(manifest).find(
    (key) => key === "src/lib/supabase.ts" || manifest[key].name === sessionChunkName,
  );
  const sessionFiles = collect(sessionKey ?? "src/lib/supabase.ts", counted);

  const rows = (label, files) => {
    let total = 0;
    for (const file of files) {
      const size = gzipKb(file);
      total += size;
      console.info(`  ${size.toFixed(1).padStart(7)} KB  ${file}`);
    }
    console.info(`  ${total.toFixed(1).padStart(7)} KB  ${label}\n`);
    return total;
  };

  console.info("\nJavaScript the first route (/) loads, gzip:");
  const shell = rows("app shell (entry chunk and its static imports)", shellFiles);
  const route = rows("home page chunk", routeFiles);
  const firstRoute = shell + route;
  const css = manifest["index.html"].css?.reduce((sum, file) => sum + gzipKb(file), 0) ?? 0;

  console.info("Fetched after the first paint on every start (not blocking it):");
  const deferred = rows("animation features and service-worker registration", deferredFiles);

  console.info("Loaded on top only when a session may exist (a returning, signed-in visitor):");
  const session = rows("supabase-js and the auth client", sessionFiles);

  const verdict = firstRoute <= budgetKb ? "within" : "OVER";
  console.info(
    `first route JavaScript: ${firstRoute.toFixed(1)} KB gzip (${verdict} the ${budgetKb} KB budget)`,
  );
  console.info(`  + CSS ${css.toFixed(1)} KB gzip`);
  console.info(
    `  all JavaScript fetched by the time the page is idle: ${(firstRoute + deferred).toFixed(1)} KB`,
  );
  console.info(`  the same for a signed-in visitor: ${(firstRoute + deferred + session).toFixed(1)} KB`);
  if (firstRoute > budgetKb) process.exitCode = 1;
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

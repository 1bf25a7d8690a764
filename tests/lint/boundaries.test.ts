// The import-boundary rules themselves (DESIGN.md §2): the real linters run over fixtures that each
// break one boundary on purpose (its first line says which), next to fixtures that keep them all.
// The server rules are the deno lint plugin scripts/lint/server-boundaries.ts; the SPA rule is
// layout/boundaries in eslint.config.js.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const fixtures = new URL("./fixtures/", import.meta.url);
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Every server fixture (path under fixtures/server/supabase/) and the rules it breaks, once per import. */
const serverExpectations: Record<string, string[]> = {
  "functions/good/index.ts": [],
  "functions/imports-other-entry/index.ts": ["function-entry"],
  "functions/imports-local/index.ts": ["function-entry", "function-entry"],
  "functions/_shared/runtime.ts": [],
  "functions/_shared/good/handler.ts": [],
  "functions/_shared/http/errors.ts": [],
  "functions/_shared/domain/contract.ts": [],
  "functions/_shared/domain/limits.ts": [],
  "functions/_shared/domain/imports-http.ts": ["pure-domain"],
  "functions/_shared/domain/imports-package.ts": ["pure-domain"],
  "functions/_shared/domain/uses-deno.ts": ["pure-domain"],
  "functions/_shared/domain/uses-fetch.ts": ["pure-domain"],
  "functions/_shared/reaches-local/uses-platform.ts": ["shared-one-way"],
  "functions/_shared/reaches-workers/uses-worker.ts": ["shared-one-way"],
  "functions/_shared/reads-env/settings.ts": ["env-in-runtime"],
  "functions/_shared/cycle-a/a.ts": ["folder-cycle"],
  "functions/_shared/cycle-b/b.ts": ["folder-cycle"],
  "functions/_shared/loop-x/x.ts": ["folder-cycle"],
  "functions/_shared/loop-y/y.ts": ["folder-cycle"],
  "functions/_shared/loop-z/z.ts": ["folder-cycle"],
  "local/platform.ts": [],
  "workers/job-worker.ts": [],
};

/** Every SPA fixture (path under fixtures/spa/, linted at that path in the repository) and its messages. */
const spaExpectations: Record<string, string[]> = {
  "src/features/video/uses-shared.ts": [],
  "src/features/video/imports-gallery.ts": ["featureToFeature"],
  "src/features/video/imports-app.ts": ["featureToApp"],
  "src/components/ui/imports-feature.ts": ["sharedToFeature"],
  "src/lib/imports-server.ts": ["server"],
  "src/lib/imports-server-from-root.ts": ["server"],
  "src/lib/imports-server-through-domain.ts": ["server"],
  "src/lib/index.ts": ["barrel"],
};

async function filesUnder(dir: URL, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const name = prefix + entry.name;
    if (entry.isDirectory) files.push(...await filesUnder(new URL(`${entry.name}/`, dir), `${name}/`));
    else files.push(name);
  }
  return files.sort();
}

async function run(
  command: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const output = await new Deno.Command(command, { args, cwd: repoRoot, stdout: "piped", stderr: "piped" })
    .output();
  const decoder = new TextDecoder();
  return { code: output.code, stdout: decoder.decode(output.stdout), stderr: decoder.decode(output.stderr) };
}

Deno.test("server boundaries: each fixture breaks exactly the rules it names and the rest pass", async () => {
  const serverRoot = new URL("server/supabase/", fixtures);
  assert.deepEqual(await filesUnder(serverRoot), Object.keys(serverExpectations).sort());

  const { code, stdout, stderr } = await run(Deno.execPath(), [
    "lint",
    "--config",
    fileURLToPath(new URL("lint-config.json", fixtures)),
    "--json",
    fileURLToPath(serverRoot),
  ]);
  assert.equal(code, 1, stderr);
  const report: {
    diagnostics: { filename: string; code: string; message: string }[];
    errors: unknown[];
  } = JSON.parse(stdout);
  assert.deepEqual(report.errors, []);

  const found: Record<string, string[]> = Object.fromEntries(
    Object.keys(serverExpectations).map((file) => [file, []]),
  );
  for (const diagnostic of report.diagnostics) {
    const file = fileURLToPath(diagnostic.filename).slice(fileURLToPath(serverRoot).length);
    (found[file] ??= []).push(diagnostic.code.replace(/^server-boundaries\//, ""));
  }
  for (const codes of Object.values(found)) codes.sort();
  assert.deepEqual(found, serverExpectations);

  const loop = report.diagnostics.find((diagnostic) => diagnostic.filename.endsWith("/loop-x/x.ts"));
  assert.match(loop?.message ?? "", /loop-x → loop-y → loop-z → loop-x \(loop-z\/z\.ts closes the cycle\)/);
});

Deno.test("SPA boundaries: each fixture breaks exactly the layout rule it names and the rest pass", async () => {
  assert.deepEqual(await filesUnder(new URL("spa/", fixtures)), Object.keys(spaExpectations).sort());

  const { code, stdout, stderr } = await run("node", [
    fileURLToPath(new URL("lint-spa-fixtures.mjs", import.meta.url)),
  ]);
  assert.equal(code, 0, stderr);
  const results: Record<string, { ruleId: string; messageId: string }[]> = JSON.parse(stdout);
  const found = Object.fromEntries(
    Object.entries(results).map(([file, messages]) => [
      file,
      messages.map(({ ruleId, messageId }) => (ruleId === "layout/boundaries" ? messageId : ruleId)).sort(),
    ]),
  );
  assert.deepEqual(found, spaExpectations);
});

// Lints each file under fixtures/spa/ with the project's eslint config as if it sat at the same path
// in the repository: the SPA's layout rule places a file by its path under src/, so the fixtures must
// be linted there, and lintText does that without writing into src/. Prints
// { "<path under spa/>": [{ ruleId, messageId, line }] } as JSON.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures/spa/", import.meta.url));

const eslint = new ESLint({ cwd: repoRoot });
const results = {};
for (const entry of await readdir(fixtures, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile()) continue;
  const file = path.relative(fixtures, path.join(entry.parentPath, entry.name));
  const [result] = await eslint.lintText(await readFile(path.join(fixtures, file), "utf8"), {
    filePath: path.join(repoRoot, file),
  });
  results[file] = result.messages.map(({ ruleId, messageId, line }) => ({ ruleId, messageId, line }));
}
console.log(JSON.stringify(results));

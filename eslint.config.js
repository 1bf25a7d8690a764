import path from "node:path";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(repoRoot, "src");
const supabaseDir = path.join(repoRoot, "supabase");
/** Pure modules both the functions and the SPA import (DESIGN.md §2: shared code without server code). */
const domainDir = path.join(supabaseDir, "functions", "_shared", "domain");

/**
 * Where a file sits in the SPA's layout (DESIGN.md §2): the app shell, one feature, shared code
 * (components, lib, …), server code, or elsewhere.
 */
function layerOf(file) {
  if (file.startsWith(domainDir + path.sep)) return { kind: "domain" };
  if (file === supabaseDir || file.startsWith(supabaseDir + path.sep)) return { kind: "server" };
  if (!file.startsWith(srcDir + path.sep)) return { kind: "outside" };
  const [top, feature] = path.relative(srcDir, file).split(path.sep);
  // main.tsx is the entry point that starts the app shell.
  if (top === "app" || top === "main.tsx") return { kind: "app" };
  if (top === "features" && feature) return { kind: "feature", feature };
  return { kind: "shared" };
}

function resolveImport(importer, source) {
  if (source.startsWith("@/")) return path.join(srcDir, source.slice(2));
  // Vite resolves a leading "/" from the project root, so "/supabase/…" reaches server code too.
  if (source.startsWith("/")) return path.join(repoRoot, source);
  if (source.startsWith("@domain/")) return path.join(domainDir, source.slice("@domain/".length));
  if (source.startsWith(".")) return path.resolve(path.dirname(importer), source);
  return null;
}

/** Holds the one-way imports: app → features → shared; features apart; nothing from supabase/ but _shared/domain. */
const layoutBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "Keep src/ layered: shared code, features and the app shell import one way only." },
    messages: {
      server:
        "src/ must not import {{target}}: the browser bundle would pull in server code. Only supabase/functions/_shared/domain is shared (import it as @domain/…).",
      sharedToFeature:
        "Shared code (components, lib) must not import {{target}}: move what it needs into shared code.",
      featureToFeature:
        "Feature '{{feature}}' must not import feature '{{other}}': compose features in src/app/routes instead.",
      featureToApp: "Features must not import the app shell ({{target}}): pass what they need as props.",
      barrel: "No barrel files: import each module by its own path instead of from an index file.",
    },
    schema: [],
  },
  create(context) {
    const importer = context.filename;
    const from = layerOf(importer);
    if (from.kind === "outside" || from.kind === "server") return {};

    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== "Literal" || typeof source.value !== "string") return;
      const target = resolveImport(importer, source.value);
      if (!target) return;
      const to = layerOf(target);
      const data = { target: source.value };
      if (to.kind === "server") context.report({ node: source, messageId: "server", data });
      else if (from.kind === "shared" && (to.kind === "feature" || to.kind === "app")) {
        context.report({ node: source, messageId: "sharedToFeature", data });
      } else if (from.kind === "feature" && to.kind === "feature" && to.feature !== from.feature) {
        context.report({
          node: source,
          messageId: "featureToFeature",
          data: { feature: from.feature, other: to.feature },
        });
      } else if (from.kind === "feature" && to.kind === "app") {
        context.report({ node: source, messageId: "featureToApp", data });
      }
    };

    return {
      Program(node) {
        if (/^index\.[cm]?[jt]sx?$/.test(path.basename(importer))) {
          context.report({ node, messageId: "barrel" });
        }
      },
      ImportDeclaration: check,
      ImportExpression: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
    };
  },
};

const focusedOrSkippedTests = [
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.object.name=/^(describe|it|test|suite)$/][callee.property.name=/^(only|skip)$/]",
    message: "Commit no focused (.only) or skipped (.skip) tests: every test runs in CI.",
  },
  {
    selector:
      "CallExpression[callee.name=/^(describe|it|test|suite)$/] > ObjectExpression > Property[key.name=/^(only|skip)$/]",
    message: "Commit no focused ({ only }) or skipped ({ skip }) tests: every test runs in CI.",
  },
];

export default defineConfig(
  globalIgnores([
    "dist/",
    "dev-dist/",
    ".data/",
    "coverage/",
    // Deno code: `deno lint` covers it.
    "supabase/",
    "tests/*",
    "!tests/e2e/",
    "tests/output/",
  ]),
  js.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [tseslint.configs.strict, reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    plugins: { layout: { rules: { boundaries: layoutBoundaries } } },
    rules: {
      "layout/boundaries": "error",
      "no-console": ["error", { allow: ["error", "warn", "info"] }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.test.{ts,tsx}", "tests/e2e/**/*.{js,mjs}"],
    rules: { "no-restricted-syntax": ["error", ...focusedOrSkippedTests] },
  },
  {
    files: ["*.{js,mjs,ts}", "scripts/**/*.mjs", "tests/e2e/**/*.{js,mjs}"],
    extends: [tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // Browser tests run in Node but hand functions to the page (page.evaluate), which run there.
    files: ["tests/e2e/**/*.{js,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);

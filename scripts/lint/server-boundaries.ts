/**
 * The server side of the import boundaries in DESIGN.md §2, as `deno lint` rules (the SPA side is
 * `layout/boundaries` in eslint.config.js):
 *
 * - function-entry: a function's folder (`supabase/functions/<fn>/`) imports only from `../_shared/`,
 *   so every entry stays a thin wrapper and no function reaches into another.
 * - shared-one-way: `_shared/` never imports the rest of `supabase/` (local/, workers/, function
 *   entries): those import `_shared`, never the other way round.
 * - pure-domain: `_shared/domain/` imports only other domain files and zod, and touches neither
 *   `Deno` nor `fetch`, because the SPA bundles it.
 * - env-in-runtime: function code reads `Deno.env` only in `_shared/runtime.ts`, so every setting
 *   reaches handlers through the runtime and tests can hand them another one.
 * - folder-cycle: no cycle between `_shared` folders (A imports B and B, directly or through other
 *   folders, imports A).
 *
 * Files are placed by the path below the last `supabase/functions|local|workers/` in their name, so
 * the fixtures in tests/lint/fixtures form a tree of their own.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

type Node = Deno.lint.Node;

interface Place {
  /** The directory holding `supabase/`. */
  root: string;
  functions: string;
  shared: string;
}

function placeOf(filename: string): Place | null {
  const file = filename.startsWith("file:") ? fileURLToPath(filename) : filename;
  const match = /^(.*)[\\/]supabase[\\/](?:functions|local|workers)[\\/]/.exec(file);
  if (!match) return null;
  const functions = join(match[1], "supabase", "functions");
  return { root: match[1], functions, shared: join(functions, "_shared") };
}

function isInside(dir: string, file: string): boolean {
  return file.startsWith(dir + sep);
}

/** Where a specifier points: a file on disk, or a package (bare, npm:, jsr:, node:, URL). */
function resolveSpecifier(importer: string, specifier: string): string | null {
  if (specifier.startsWith(".")) return resolve(dirname(importer), specifier);
  if (specifier.startsWith("/")) return resolve(specifier);
  if (specifier.startsWith("file:")) return fileURLToPath(specifier);
  return null;
}

/** The first folder below `_shared/`, or null for the files at its top (runtime.ts, log.ts). */
function sharedFolderOf(place: Place, file: string): string | null {
  if (!isInside(place.shared, file)) return null;
  const parts = relative(place.shared, file).split(sep);
  return parts.length > 1 ? parts[0] : null;
}

/** Tests and benchmarks are imported by no module, so they cannot close a cycle that ships. */
function isTestOrBench(file: string): boolean {
  return /[._](?:test|bench)\.[cm]?[jt]sx?$/.test(file);
}

const sourceFile = /\.[cm]?[jt]sx?$/;

function sourceFilesUnder(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFilesUnder(path));
    else if (entry.isFile() && sourceFile.test(entry.name)) files.push(path);
  }
  return files;
}

/**
 * Import specifiers of a file the linter is not looking at. Only statements at the start of a line
 * count (comments and JSDoc lines start otherwise); the linted file itself is read from its AST.
 */
const specifierPattern =
  /^[ \t]*(?:import|export)\s(?:[^"'`;]*?\sfrom\s*)?["']([^"'\n]+)["']|\bimport\(\s*["']([^"'\n]+)["']\s*\)/gm;

function scanSpecifiers(source: string): string[] {
  return [...source.matchAll(specifierPattern)].map((match) => match[1] ?? match[2]);
}

/** Per file: its size and mtime when read, and the `_shared` folders it imports. */
const scanned = new Map<string, { stamp: string; folders: Set<string> }>();

function importedFolders(place: Place, file: string): Set<string> {
  const stats = statSync(file);
  const stamp = `${stats.size}:${stats.mtimeMs}`;
  const known = scanned.get(file);
  if (known?.stamp === stamp) return known.folders;
  const own = sharedFolderOf(place, file);
  const folders = new Set<string>();
  for (const specifier of scanSpecifiers(readFileSync(file, "utf8"))) {
    const target = resolveSpecifier(file, specifier);
    const folder = target && sharedFolderOf(place, target);
    if (folder && folder !== own) folders.add(folder);
  }
  scanned.set(file, { stamp, folders });
  return folders;
}

type Edges = Map<string, string>;

/**
 * The `_shared` folders one folder imports, each with the first file that does (to name in the
 * message). Read on demand, so a check only scans the folders it can reach.
 */
function edgeReader(place: Place): (folder: string) => Edges {
  const known = new Map<string, Edges>();
  return (folder) => {
    let edges = known.get(folder);
    if (edges) return edges;
    edges = new Map();
    known.set(folder, edges);
    let files: string[] = [];
    try {
      files = sourceFilesUnder(join(place.shared, folder));
    } catch {
      // An import of a folder that does not exist closes no cycle.
    }
    for (const file of files) {
      if (isTestOrBench(file)) continue;
      for (const to of importedFolders(place, file)) if (!edges.has(to)) edges.set(to, file);
    }
    return edges;
  };
}

/** The shortest way from `start` back to `goal`, as the folders passed and the file of each step. */
function pathBetween(
  edgesOf: (folder: string) => Edges,
  start: string,
  goal: string,
): { folder: string; via: string }[] | null {
  const cameFrom = new Map<string, { folder: string; via: string } | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const folder = queue.shift()!;
    for (const [next, via] of edgesOf(folder)) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, { folder, via });
      if (next === goal) {
        const steps: { folder: string; via: string }[] = [];
        for (let at = next; cameFrom.get(at); at = cameFrom.get(at)!.folder) {
          steps.unshift({ folder: at, via: cameFrom.get(at)!.via });
        }
        return steps;
      }
      queue.push(next);
    }
  }
  return null;
}

type ImportNode =
  | Deno.lint.ImportDeclaration
  | Deno.lint.ExportNamedDeclaration
  | Deno.lint.ExportAllDeclaration
  | Deno.lint.ImportExpression;

/** Calls `check` with each literal specifier the file imports or re-exports. */
function onImports(check: (source: Node, specifier: string) => void): Deno.lint.LintVisitor {
  const visit = (node: ImportNode) => {
    const source = node.source;
    if (source && source.type === "Literal" && typeof source.value === "string") check(source, source.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

function isGlobalObject(node: Node): boolean {
  return node.type === "Identifier" && ["globalThis", "self", "window"].includes(node.name);
}

/** `Deno` or `globalThis.Deno`. */
function isDeno(node: Node): boolean {
  if (node.type === "Identifier") return node.name === "Deno";
  return node.type === "MemberExpression" && isGlobalObject(node.object) && propertyName(node) === "Deno";
}

function propertyName(node: Deno.lint.MemberExpression): string | null {
  if (node.property.type === "Identifier" && !node.computed) return node.property.name;
  if (node.property.type === "Literal" && typeof node.property.value === "string") return node.property.value;
  return null;
}

const plugin: Deno.lint.Plugin = {
  name: "server-boundaries",
  rules: {
    "function-entry": {
      create(context) {
        const place = placeOf(context.filename);
        const file = context.filename;
        if (!place || !isInside(place.functions, file) || isInside(place.shared, file)) return {};
        return onImports((node, specifier) => {
          const target = resolveSpecifier(file, specifier);
          if (target && isInside(place.shared, target)) return;
          context.report({
            node,
            message: `A function's entry imports only from ../_shared/, not '${specifier}'.`,
            hint: "Put the code in supabase/functions/_shared/<function-name>/ and import it from there.",
          });
        });
      },
    },

    "shared-one-way": {
      create(context) {
        const place = placeOf(context.filename);
        const file = context.filename;
        if (!place || !isInside(place.shared, file)) return {};
        const supabase = join(place.root, "supabase");
        return onImports((node, specifier) => {
          const target = resolveSpecifier(file, specifier);
          if (!target || !isInside(supabase, target) || isInside(place.shared, target)) return;
          context.report({
            node,
            message:
              `_shared/ must not import '${specifier}': local/, workers/ and function entries import _shared, ` +
              "never the other way round.",
            hint: "Move what both need into _shared/, or pass it in from the caller.",
          });
        });
      },
    },

    "pure-domain": {
      create(context) {
        const place = placeOf(context.filename);
        const file = context.filename;
        if (!place || isTestOrBench(file)) return {};
        const domain = join(place.shared, "domain");
        if (!isInside(domain, file)) return {};
        const why = "_shared/domain/ is bundled into the SPA, so it holds pure code only";
        return {
          ...onImports((node, specifier) => {
            const target = resolveSpecifier(file, specifier);
            if (target ? isInside(domain, target) : specifier === "zod" || specifier === "zod/mini") return;
            context.report({
              node,
              message: `${why}: it imports other domain files and zod, not '${specifier}'.`,
            });
          }),
          'Identifier[name="Deno"]'(node: Deno.lint.Identifier) {
            context.report({ node, message: `${why}: no Deno APIs.` });
          },
          'Identifier[name="fetch"]'(node: Deno.lint.Identifier) {
            const parent = node.parent;
            if (parent.type === "Property" && parent.key === node && !parent.computed) return;
            if (
              parent.type === "MemberExpression" && parent.property === node && !isGlobalObject(parent.object)
            ) {
              return;
            }
            context.report({ node, message: `${why}: no network calls (fetch).` });
          },
        };
      },
    },

    "env-in-runtime": {
      create(context) {
        const place = placeOf(context.filename);
        const file = context.filename;
        if (!place || !isInside(place.functions, file) || file === join(place.shared, "runtime.ts")) {
          return {};
        }
        return {
          MemberExpression(node) {
            if (!isDeno(node.object) || propertyName(node) !== "env") return;
            context.report({
              node,
              message: "Deno.env is read only in _shared/runtime.ts.",
              hint: "Take the setting from the runtime (runtime.env) the handler is given.",
            });
          },
        };
      },
    },

    "folder-cycle": {
      create(context) {
        const place = placeOf(context.filename);
        const file = context.filename;
        const from = place && sharedFolderOf(place, file);
        if (!place || !from || isTestOrBench(file)) return {};
        const edgesOf = edgeReader(place);
        return onImports((node, specifier) => {
          const target = resolveSpecifier(file, specifier);
          const to = target && sharedFolderOf(place, target);
          if (!to || to === from) return;
          const back = pathBetween(edgesOf, to, from);
          if (!back) return;
          const chain = [from, to, ...back.map((step) => step.folder)].join(" → ");
          const closing = relative(place.shared, back[back.length - 1].via);
          context.report({
            node,
            message: `_shared folders import each other: ${chain} (${closing} closes the cycle).`,
            hint: "Move what both folders need into one of them, or into a third folder both import.",
          });
        });
      },
    },
  },
};

export default plugin;

// The npm registry reachable here serves only this platform's builds of packages that ship native
// binaries per platform (rollup, tailwind's oxide, deno), so `npm install` leaves the other
// platforms' optional packages out of package-lock.json and `npm ci` then refuses the lock as out
// of sync. This adds those entries back with the os/cpu/libc their names state, which npm skips on
// a non-matching machine, as the lock would have them had the registry answered.
// Usage: node scripts/complete-lockfile.mjs [--check]
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const operatingSystems = [
  "android",
  "darwin",
  "freebsd",
  "linux",
  "win32",
  "openbsd",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
];
const cpus = {
  arm64: "arm64",
  x64: "x64",
  ia32: "ia32",
  arm: "arm",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  wasm32: "wasm32",
};

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((part) => operatingSystems.includes(part));
  const cpu = parts.map((part) => cpus[part]).find(Boolean);
  const libc = parts.some((part) => part.startsWith("musl"))
    ? "musl"
    : parts.some((part) => part === "gnu" || part === "glibc" || part.startsWith("gnueabi"))
    ? "glibc"
    : undefined;
  if (!cpu) return undefined;
  return { ...(os ? { os: [os] } : {}), cpu: [cpu], ...(libc && os === "linux" ? { libc: [libc] } : {}) };
}

const added = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const hoisted = `node_modules/${name}`;
    const nested = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (packages[hoisted] || packages[nested]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) continue;
    packages[hoisted] = { version: spec, ...platform, optional: true, ...(entry.dev ? { dev: true } : {}) };
    added.push(`${name}@${spec}`);
  }
}

if (process.argv.includes("--check")) {
  if (added.length) {
    console.error(
      `package-lock.json lacks ${added.length} platform packages; run: node scripts/complete-lockfile.mjs`,
    );
    process.exit(1);
  }
} else if (added.length) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
  );
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.info(`package-lock.json: added ${added.length} other-platform optional packages`);
}

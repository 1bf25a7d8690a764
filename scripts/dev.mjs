// `npm run dev`: the local platform first (it writes .env.local for Vite), then the Vite dev server.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const platformPort = process.env.PLATFORM_PORT ?? "54321";
const children = [];

function start(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ["inherit", "pipe", "inherit"], ...options });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${command.split("/").pop()} stopped (${signal ?? code}); stopping the rest.`);
      stop(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

// The package's own binaries, not `npx`: npx hands `--env-file` to node instead of the platform.
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

const platform = start(bin("deno"), [
  "run",
  "--allow-all",
  "supabase/local/main.ts",
  "--port",
  platformPort,
  "--data",
  ".data",
  "--env-file",
  ".env.local",
]);

const platformUrl = await new Promise((resolve) => {
  createInterface({ input: platform.stdout }).on("line", (line) => {
    process.stdout.write(`[platform] ${line}\n`);
    const ready = /^ready (\S+)$/.exec(line);
    if (ready) resolve(ready[1]);
  });
});

const vite = start(bin("vite"), ["--host", "127.0.0.1", "--strictPort", "--port", "5173"]);
createInterface({ input: vite.stdout }).on("line", (line) => {
  process.stdout.write(`[vite] ${line}\n`);
  if (/ready in/i.test(line)) {
    process.stdout.write(
      `\nPersonify is running offline.\n  App:      http://127.0.0.1:5173\n  Platform: ${platformUrl}\n\n`,
    );
  }
});

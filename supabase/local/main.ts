import { parseArgs } from "node:util";
import { processEnv } from "../functions/_shared/runtime.ts";
import { startPlatform } from "./platform.ts";

const usage = `Usage: npm run platform -- [--port 54321] [--data .data] [--env-file .env.local]

Starts the local Supabase platform. Uses PGlite under <data>/pgdata, or the PostgreSQL
server in DATABASE_URL when it is set. Prints "ready <url>" once it serves.`;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    port: { type: "string", default: processEnv("PLATFORM_PORT") ?? "54321" },
    data: { type: "string", default: ".data" },
    "env-file": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.info(usage);
  Deno.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}"`);
  Deno.exit(2);
}

const databaseUrl = processEnv("DATABASE_URL") || undefined;
const platform = await startPlatform({
  port,
  dataDir: values.data,
  databaseUrl,
  // MEDIA_WORKER=external: renders are left to `npm run media-worker` processes on DATABASE_URL.
  mediaWorker: processEnv("MEDIA_WORKER") === "external" ? false : undefined,
});

if (values["env-file"]) {
  await Deno.writeTextFile(
    values["env-file"],
    [
      "# Written by the local platform on start; do not commit.",
      `VITE_SUPABASE_URL=${platform.url}`,
      `VITE_SUPABASE_ANON_KEY=${platform.anonKey}`,
      `SUPABASE_SERVICE_ROLE_KEY=${platform.serviceRoleKey}`,
      "",
    ].join("\n"),
  );
}

console.info(
  [
    `Personify local platform (${
      databaseUrl ? "PostgreSQL" : "PGlite"
    }, started in ${platform.startupMs} ms)`,
    `  API URL:          ${platform.url}`,
    `  anon key:         ${platform.anonKey}`,
    `  service_role key: ${platform.serviceRoleKey}`,
    `ready ${platform.url}`,
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    await platform.close();
    Deno.exit(0);
  });
}

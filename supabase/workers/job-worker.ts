import { parseArgs } from "node:util";
import { createJobHandlers } from "../functions/_shared/job-worker/job-handlers.ts";
import { createPostgresDb } from "../functions/_shared/db/postgres-db.ts";
import { startWorker } from "../functions/_shared/jobs/worker.ts";
import { log } from "../functions/_shared/log.ts";
import { processEnv } from "../functions/_shared/runtime.ts";

const usage = `Usage: DATABASE_URL=… SUPABASE_URL=… SUPABASE_SERVICE_ROLE_KEY=… \\
  deno run --allow-all supabase/workers/job-worker.ts [--concurrency 8] [--lease-seconds 30]

A job worker in its own process, sharing the PostgreSQL in DATABASE_URL with the platform and
any other workers; images go to the Storage API at SUPABASE_URL. Prints "worker ready" once it
polls; SIGTERM stops it after the jobs in flight.`;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    concurrency: { type: "string", default: "8" },
    "lease-seconds": { type: "string", default: "30" },
    help: { type: "boolean", default: false },
  },
});

const databaseUrl = processEnv("DATABASE_URL");
if (values.help || !databaseUrl || !processEnv("SUPABASE_URL") || !processEnv("SUPABASE_SERVICE_ROLE_KEY")) {
  console.error(usage);
  Deno.exit(values.help ? 0 : 2);
}

const db = createPostgresDb(databaseUrl, { max: 4 });
const worker = startWorker({
  db,
  handlers: createJobHandlers({ db, env: processEnv }),
  concurrency: Number(values.concurrency),
  leaseSeconds: Number(values["lease-seconds"]),
  pollIntervalMs: 100,
});
log.info("worker started", { workerId: worker.workerId });
console.info("worker ready");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    await worker.stop();
    await db.close();
    Deno.exit(0);
  });
}

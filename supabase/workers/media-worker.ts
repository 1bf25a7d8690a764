import { parseArgs } from "node:util";
import { createPostgresDb } from "../functions/_shared/db/postgres-db.ts";
import { log } from "../functions/_shared/log.ts";
import { processEnv } from "../functions/_shared/runtime.ts";
import { locateFfmpeg } from "../functions/_shared/image-to-video/ffmpeg.ts";
import {
  mediaWorkerConcurrency,
  startMediaWorker,
} from "../functions/_shared/image-to-video/media-worker.ts";

const usage = `Usage: DATABASE_URL=… SUPABASE_URL=… SUPABASE_SERVICE_ROLE_KEY=… \\
  deno run --allow-all supabase/workers/media-worker.ts [--concurrency 1] [--lease-seconds 60]

The media worker: renders the "video-render" queue (and nothing else) with ffmpeg, from the
PostgreSQL in DATABASE_URL (hosted: the project's SUPABASE_DB_URL), reading sources from and
writing MP4s to the Storage API at SUPABASE_URL. Run as many as the machine has cores for;
--concurrency is 1 or 2 (MEDIA_WORKER_CONCURRENCY). ai-motion needs GOOGLE_AI_API_KEY.
Prints "media worker ready" once it polls; SIGTERM stops it after the renders in flight.`;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    concurrency: { type: "string" },
    "lease-seconds": { type: "string", default: "60" },
    help: { type: "boolean", default: false },
  },
});

const databaseUrl = processEnv("DATABASE_URL") || processEnv("SUPABASE_DB_URL");
if (values.help || !databaseUrl || !processEnv("SUPABASE_URL") || !processEnv("SUPABASE_SERVICE_ROLE_KEY")) {
  console.error(usage);
  Deno.exit(values.help ? 0 : 2);
}

const concurrency = values.concurrency
  ? mediaWorkerConcurrency((name) => (name === "MEDIA_WORKER_CONCURRENCY" ? values.concurrency : undefined))
  : mediaWorkerConcurrency(processEnv);
const db = createPostgresDb(databaseUrl, { max: 3 });
const worker = startMediaWorker({ db, env: processEnv }, {
  concurrency,
  leaseSeconds: Number(values["lease-seconds"]),
});
log.info("media worker started", {
  workerId: worker.workerId,
  concurrency,
  ffmpeg: locateFfmpeg(processEnv),
});
console.info("media worker ready");

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  Deno.addSignalListener(signal, async () => {
    await worker.stop();
    await db.close();
    Deno.exit(0);
  });
}

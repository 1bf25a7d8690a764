import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";

/**
 * Asks the hosted job-worker function to start now rather than at the next cron tick; the
 * request that enqueued keeps it alive with EdgeRuntime.waitUntil. Where a worker already runs
 * in-process (the local platform sets JOB_WORKER_EMBEDDED), there is nothing to kick.
 */
export function kickJobWorker(runtime: Runtime): void {
  if (runtime.env("JOB_WORKER_EMBEDDED") === "true") return;
  const url = runtime.env("SUPABASE_URL");
  const key = runtime.env("SUPABASE_SERVICE_ROLE_KEY");
  const edgeRuntime =
    (globalThis as { EdgeRuntime?: { waitUntil(promise: Promise<unknown>): void } }).EdgeRuntime;
  if (!url || !key || !edgeRuntime) return;
  const kick = fetch(`${url}/functions/v1/job-worker`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: "{}",
  }).then((response) => response.body?.cancel())
    .catch((error) => log.warn("kicking the job worker failed", { error: String(error) }));
  edgeRuntime.waitUntil(kick);
}

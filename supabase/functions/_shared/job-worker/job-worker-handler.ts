/**
 * The hosted `job-worker` function: kicked by pg_cron (through pg_net) and by requests that
 * enqueue, it answers at once and works the queues in the background until its time budget is
 * spent. Only the service role may call it.
 */
import { bearerToken, verifyAccessToken } from "../http/auth.ts";
import { ApiError, unauthorized } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";
import { runJobsFor } from "./job-handlers.ts";

/** Under the edge runtime's wall-clock limit, with room for the jobs in flight to finish. */
const defaultBudgetMs = 50_000;

interface EdgeRuntimeGlobal {
  waitUntil(promise: Promise<unknown>): void;
}

export function createJobWorkerHandler(getRuntime: () => Runtime) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== "POST") throw methodNotAllowed(["POST"]);
    const runtime = getRuntime();
    const url = runtime.env("SUPABASE_URL");
    if (!url) throw new Error("SUPABASE_URL is not set");
    const token = bearerToken(request);
    if (!token) throw unauthorized();
    const claims = await verifyAccessToken(token, url);
    if (claims.role !== "service_role") {
      throw new ApiError(403, "FORBIDDEN", "Only the service role may run the job worker.");
    }
    await request.body?.cancel();
    const budgetMs = Number(runtime.env("JOB_WORKER_BUDGET_MS")) || defaultBudgetMs;
    const run = runJobsFor(runtime, { budgetMs }).catch((error) =>
      log.error("job worker run failed", { error: String((error as Error)?.stack ?? error) })
    );
    const edgeRuntime = (globalThis as { EdgeRuntime?: EdgeRuntimeGlobal }).EdgeRuntime;
    if (edgeRuntime) edgeRuntime.waitUntil(run);
    else await run;
    return Response.json({ started: true, budgetMs }, { status: 202 });
  };
}

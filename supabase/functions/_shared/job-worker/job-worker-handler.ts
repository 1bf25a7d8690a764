/**
 * The hosted `job-worker` function: kicked by pg_cron (through pg_net) and by requests that
 * enqueue, it answers at once and works the queues in the background until its time budget is
 * spent (routes in domain/contracts/job-worker.ts).
 */
import type { WorkerStarted } from "../domain/contracts/job-worker.ts";
import { serviceRoleOnly, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";
import { runJobsFor } from "./job-handlers.ts";

/** Under the edge runtime's wall-clock limit, with room for the jobs in flight to finish. */
const defaultBudgetMs = 50_000;

interface EdgeRuntimeGlobal {
  waitUntil(promise: Promise<unknown>): void;
}

export function createJobWorkerHandler(getRuntime: () => Runtime) {
  return createRouter({ basePath: "/job-worker" })
    .use(withRuntime(getRuntime))
    .use(serviceRoleOnly)
    .post("/", {
      handle: async ({ runtime, request }) => {
        await request.body?.cancel();
        const budgetMs = Number(runtime.env("JOB_WORKER_BUDGET_MS")) || defaultBudgetMs;
        const run = runJobsFor(runtime, { budgetMs }).catch((error) =>
          log.error("job worker run failed", { error: String((error as Error)?.stack ?? error) })
        );
        const edgeRuntime = (globalThis as { EdgeRuntime?: EdgeRuntimeGlobal }).EdgeRuntime;
        if (edgeRuntime) edgeRuntime.waitUntil(run);
        else await run;
        const started: WorkerStarted = { started: true, budgetMs };
        return Response.json(started, { status: 202 });
      },
    })
    .fetch;
}

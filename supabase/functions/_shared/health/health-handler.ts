/** The `health` function: whether the database and Storage answer, and which AI providers are configured. */
import type { HealthReport } from "../domain/contracts/health.ts";
import { withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import type { Runtime } from "../runtime.ts";

const timeoutMs = 3000;

async function timed(check: () => Promise<void>) {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)
      ),
    ]);
    return { status: "up" as const, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: "down" as const,
      latencyMs: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  }
}

/** Which AI providers are live is decided by which keys are set; `local` always is. */
const providerKeys: Record<string, string> = {
  openai: "OPENAI_API_KEY",
  google: "GOOGLE_AI_API_KEY",
  replicate: "REPLICATE_API_TOKEN",
};

async function checkHealth(runtime: Runtime): Promise<HealthReport> {
  const [database, storage] = await Promise.all([
    timed(async () => {
      await runtime.db.asService((tx) => tx.query("select 1"));
    }),
    timed(async () => {
      const url = runtime.env("SUPABASE_URL");
      const key = runtime.env("SUPABASE_SERVICE_ROLE_KEY");
      if (!url || !key) throw new Error("SUPABASE_URL or SUPABASE_SERVICE_ROLE_KEY is not set");
      const response = await fetch(new URL("/storage/v1/bucket", url), {
        headers: { authorization: `Bearer ${key}`, apikey: key },
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`storage answered ${response.status}`);
    }),
  ]);
  const providers: HealthReport["checks"]["aiServices"]["providers"] = { local: "configured" };
  for (const [provider, variable] of Object.entries(providerKeys)) {
    providers[provider] = runtime.env(variable) ? "configured" : "not configured";
  }
  return {
    status: database.status === "up" && storage.status === "up" ? "healthy" : "degraded",
    timestamp: new Date().toISOString(),
    checks: { database, storage, aiServices: { status: "up", providers } },
  };
}

export function createHealthHandler(getRuntime: () => Runtime) {
  const report = async ({ runtime }: { runtime: Runtime }) => {
    const health = await checkHealth(runtime);
    return Response.json(health, { status: health.status === "healthy" ? 200 : 503 });
  };
  return createRouter({ basePath: "/health" })
    .use(withRuntime(getRuntime))
    .get("/", { handle: report })
    .post("/", { handle: report })
    .fetch;
}

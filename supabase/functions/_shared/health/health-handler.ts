import type { Runtime } from "../runtime.ts";

type CheckStatus = "up" | "down";

export interface HealthReport {
  status: "healthy" | "degraded";
  timestamp: string;
  checks: {
    database: { status: CheckStatus; latencyMs: number; error?: string };
    storage: { status: CheckStatus; latencyMs: number; error?: string };
    aiServices: { status: CheckStatus; providers: Record<string, "configured" | "not configured"> };
  };
}

const timeoutMs = 3000;

async function timed(check: () => Promise<void>) {
  const started = performance.now();
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)),
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

export async function checkHealth(runtime: Runtime): Promise<HealthReport> {
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
  const providers: Record<string, "configured" | "not configured"> = { local: "configured" };
  for (const [provider, variable] of Object.entries(providerKeys)) {
    providers[provider] = runtime.env(variable) ? "configured" : "not configured";
  }
  return {
    status: database.status === "up" && storage.status === "up" ? "healthy" : "degraded",
    timestamp: new Date().toISOString(),
    checks: { database, storage, aiServices: { status: "up", providers } },
  };
}

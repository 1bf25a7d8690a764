import type { PlatformDb } from "../functions/_shared/db/db.ts";
import { createPostgresDb } from "../functions/_shared/db/postgres-db.ts";
import { createJobHandlers } from "../functions/_shared/job-worker/job-handlers.ts";
import { startWorker, type Worker } from "../functions/_shared/jobs/worker.ts";
import { startMediaWorker } from "../functions/_shared/image-to-video/media-worker.ts";
import { corsHeaders, preflightResponse, withCors } from "../functions/_shared/http/cors.ts";
import { ApiError, errorResponse, notFound } from "../functions/_shared/http/errors.ts";
import { log } from "../functions/_shared/log.ts";
import { createRouter, type RequestContext } from "../functions/_shared/http/router.ts";
import { processEnv, setRuntime } from "../functions/_shared/runtime.ts";
import { loadAuthConfig } from "./auth/auth-config.ts";
import { createAuthService } from "./auth/auth-service.ts";
import { createPgliteDb } from "./db/pglite-db.ts";
import { migrate, type MigrationReport } from "./db/migrate.ts";
import { createFunctionsGateway, installEdgeRuntimeShim } from "./functions-gateway.ts";
import { loadKeys } from "./keys.ts";
import type { ServiceHandler } from "./services.ts";
import { createStorageService } from "./storage/storage-service.ts";

export interface PlatformOptions {
  port: number;
  hostname?: string;
  /** PGlite data, stored objects and the signing key live here. */
  dataDir: string;
  /** A real PostgreSQL instead of PGlite. */
  databaseUrl?: string;
  /** Extra variables the functions see (provider keys, base URLs). */
  env?: Record<string, string>;
  /** The job worker the platform runs on a timer (DESIGN.md §7); false runs none (tests with their own). */
  jobWorker?: false | { concurrency?: number; pollIntervalMs?: number };
  /**
   * The "video-render" worker, in its own loop beside the job worker: ffmpeg does the encoding in
   * a child process, so requests are never slowed by it. false when media workers run elsewhere
   * (supabase/workers/media-worker.ts against the same DATABASE_URL).
   */
  mediaWorker?: false | { concurrency?: number };
}

export interface Platform {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  db: PlatformDb;
  migrations: MigrationReport;
  /** Milliseconds from the call to serving, boot and migrations included. */
  startupMs: number;
  close(): Promise<void>;
}

export const supabaseDir = new URL("../", import.meta.url);

/**
 * Starts the local stand-in for hosted Supabase: Postgres (PGlite or a server), Auth, Storage
 * and the Edge Functions on one port, with the same paths and wire formats.
 */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const started = performance.now();
  await Deno.mkdir(options.dataDir, { recursive: true });
  const db = options.databaseUrl
    ? createPostgresDb(options.databaseUrl)
    : await createPgliteDb(`${options.dataDir}/pgdata`);
  const keys = await loadKeys(options.dataDir);
  const migrations = await migrate(db, supabaseDir);

  const hostname = options.hostname ?? "127.0.0.1";
  const listener = Deno.listen({ hostname, port: options.port });
  const port = (listener.addr as Deno.NetAddr).port;
  const url = `http://${hostname}:${port}`;
  listener.close();

  const context = { db, keys, url, dataDir: options.dataDir };
  const functionEnv: Record<string, string> = {
    SITE_URL: loadAuthConfig().siteUrl,
    ...options.env,
    SUPABASE_URL: url,
    SUPABASE_ANON_KEY: keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
    // Jobs are worked here, so functions that enqueue have no job-worker function to kick.
    ...(options.jobWorker === false ? {} : { JOB_WORKER_EMBEDDED: "true" }),
  };
  const runtime = { db, env: (name: string) => functionEnv[name] ?? processEnv(name) };
  setRuntime(runtime);
  const edgeRuntime = installEdgeRuntimeShim();

  // Each service answers in its own wire format; only what none of them serves gets the project's 404.
  const service = (handler: ServiceHandler) => async ({ request }: RequestContext) =>
    request.method === "OPTIONS" ? preflightResponse() : withCors(await handler(request));
  const router = createRouter({
    basePath: "/",
    notFound: ({ url }) => notFound(`Nothing is served at ${url.pathname}.`),
  })
    .mount("/auth/v1", service(createAuthService(context)))
    .mount("/storage/v1", service(createStorageService(context)))
    .mount("/functions/v1", service(await createFunctionsGateway(supabaseDir, keys)))
    .get("/", { handle: () => withCors(Response.json({ name: "Personify local platform", status: "up" })) });

  const worker: Worker | undefined = options.jobWorker === false ? undefined : startWorker({
    db,
    handlers: createJobHandlers(runtime),
    concurrency: options.jobWorker?.concurrency ?? 16,
    pollIntervalMs: options.jobWorker?.pollIntervalMs ?? 250,
  });

  const mediaWorker: Worker | undefined = options.mediaWorker === false
    ? undefined
    : startMediaWorker(runtime, { concurrency: options.mediaWorker?.concurrency });

  const server = Deno.serve({ hostname, port, onListen: () => {} }, async (request) => {
    try {
      return await router.fetch(request);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error, corsHeaders);
      log.error("platform request failed", {
        url: request.url,
        error: String((error as Error)?.stack ?? error),
      });
      return errorResponse(
        new ApiError(500, "INTERNAL_ERROR", "The local platform failed on this request."),
        corsHeaders,
      );
    }
  });

  return {
    url,
    anonKey: keys.anonKey,
    serviceRoleKey: keys.serviceRoleKey,
    db,
    migrations,
    startupMs: Math.round(performance.now() - started),
    async close() {
      // First, while storage still serves: the jobs in flight upload their images through it.
      await Promise.all([worker?.stop(), mediaWorker?.stop()]);
      // A client that never finishes sending its body would hold a graceful shutdown forever.
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise((resolve) => graceTimer = setTimeout(resolve, 2000));
      await Promise.race([server.shutdown(), grace]);
      clearTimeout(graceTimer);
      await edgeRuntime.settle();
      await db.close();
    },
  };
}

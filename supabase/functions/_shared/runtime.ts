import type { Db } from "./db/db.ts";
import { createPostgresDb } from "./db/postgres-db.ts";

/** What a function needs from where it runs: the database and its settings. */
export interface Runtime {
  db: Db;
  env(name: string): string | undefined;
}

/** The project's API URL: where access tokens are verified and Storage is reached. */
export function supabaseUrl(runtime: Runtime): string {
  const url = runtime.env("SUPABASE_URL");
  if (!url) throw new Error("SUPABASE_URL is not set");
  return url;
}

/**
 * The process's environment: the one place that reads it, so everything else takes its settings
 * from a Runtime (the local platform gives functions its own) or from an entry point passing this.
 */
export const processEnv = (name: string): string | undefined => Deno.env.get(name);

let current: Runtime | undefined;

/** The local platform hands functions its own database (PGlite is in-process). */
export function setRuntime(runtime: Runtime): void {
  current = runtime;
}

/** On hosted Supabase: the project's Postgres from `SUPABASE_DB_URL`, made on first use. */
export function getRuntime(): Runtime {
  if (!current) {
    const url = processEnv("SUPABASE_DB_URL");
    if (!url) throw new Error("SUPABASE_DB_URL is not set");
    current = { db: createPostgresDb(url, { max: 3 }), env: processEnv };
  }
  return current;
}

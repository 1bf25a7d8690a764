import postgres from "postgres";
import { createDb, type OwnerTx, type PlatformDb } from "./db.ts";

function wrap(sql: postgres.TransactionSql): OwnerTx {
  return {
    // A plain array, not postgres.js's Result subclass, so both back ends return the same thing.
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      Array.from(await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as T[],
    exec: async (script: string) => void (await sql.unsafe(script)),
  };
}

/** A real PostgreSQL server: hosted Supabase (`SUPABASE_DB_URL`) or `DATABASE_URL` locally. */
export function createPostgresDb(url: string, options: { max?: number } = {}): PlatformDb {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Supabase's pooler in transaction mode does not support prepared statements.
    prepare: false,
    // int8 as a JS number, as PGlite returns it, so both back ends hand out the same shapes.
    types: { int8: { to: 20, from: [20], serialize: (value: number) => String(value), parse: Number } },
  });
  return createDb({
    kind: "postgres",
    transaction: <T>(fn: (tx: OwnerTx) => Promise<T>) => sql.begin((tx) => fn(wrap(tx))) as Promise<T>,
    close: () => sql.end({ timeout: 5 }),
  });
}

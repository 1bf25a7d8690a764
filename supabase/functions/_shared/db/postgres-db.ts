import postgres from "postgres";
import { type JwtClaims, type OwnerTx, type PlatformDb, requestContext, serviceClaims } from "./db.ts";

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
  const transaction = <T>(fn: (tx: OwnerTx) => Promise<T>) =>
    sql.begin((tx) => fn(wrap(tx))) as Promise<T>;
  const withClaims = <T>(claims: JwtClaims, fn: (tx: OwnerTx) => Promise<T>) =>
    transaction(async (tx) => {
      const context = requestContext(claims);
      await tx.query(context.text, context.params);
      return fn(tx);
    });
  return {
    kind: "postgres",
    withClaims,
    asService: (fn) => withClaims(serviceClaims, fn),
    asOwner: transaction,
    close: () => sql.end({ timeout: 5 }),
  };
}

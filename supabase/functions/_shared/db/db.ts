/** The claims a request runs under; `role` picks the Postgres role, as PostgREST does. */
export interface JwtClaims {
  role: string;
  sub?: string;
  email?: string;
  [claim: string]: unknown;
}

export type Row = Record<string, unknown>;

/**
 * One transaction's queries. Both back ends (PGlite, postgres.js) return int8 as number, numeric as
 * string, timestamptz as Date and json as parsed values. They encode parameters differently, so pass
 * JSON as text and cast it in SQL: `$1::text::jsonb` with `JSON.stringify(value)`.
 */
export interface Tx {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** Database access for functions. Every call is one transaction; RLS context never outlives it. */
export interface Db {
  /** Runs `fn` as the caller: `request.jwt.claims` and the role are set transaction-locally. */
  withClaims<T>(claims: JwtClaims, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Privileged work (job workers, webhooks): the `service_role`, which bypasses RLS. */
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OwnerTx extends Tx {
  /** Runs a multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** What the local platform itself needs on top: the table owner, for migrations and the auth server. */
export interface PlatformDb extends Db {
  readonly kind: "pglite" | "postgres";
  asOwner<T>(fn: (tx: OwnerTx) => Promise<T>): Promise<T>;
}

export const serviceClaims: JwtClaims = { role: "service_role" };

const requestRoles = new Set(["anon", "authenticated", "service_role"]);

/** What a back end supplies: a transaction as the table owner, and how to let go of it all. */
export interface Backend {
  readonly kind: PlatformDb["kind"];
  transaction<T>(fn: (tx: OwnerTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The one place request context is set, as PostgREST sets it: `request.jwt.claims` and the role,
 * transaction-local, before anything else runs in the transaction, so it never outlives it.
 */
export function createDb(backend: Backend): PlatformDb {
  const withClaims = async <T>(claims: JwtClaims, fn: (tx: Tx) => Promise<T>): Promise<T> => {
    if (!requestRoles.has(claims.role)) {
      throw new Error(`refusing to run as database role "${claims.role}"`);
    }
    return await backend.transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)", [
        JSON.stringify(claims),
        claims.role,
      ]);
      return await fn(tx);
    });
  };
  return {
    kind: backend.kind,
    withClaims,
    asService: (fn) => withClaims(serviceClaims, fn),
    asOwner: (fn) => backend.transaction(fn),
    close: () => backend.close(),
  };
}

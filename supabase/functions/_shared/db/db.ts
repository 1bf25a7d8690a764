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

const requestRoles = new Set(["anon", "authenticated", "service_role"]);

/** The statement that opens a request transaction; the role is checked against the API roles. */
export function requestContext(claims: JwtClaims): { text: string; params: unknown[] } {
  if (!requestRoles.has(claims.role)) {
    throw new Error(`refusing to run as database role "${claims.role}"`);
  }
  return {
    text: "select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)",
    params: [JSON.stringify(claims), claims.role],
  };
}

export const serviceClaims: JwtClaims = { role: "service_role" };

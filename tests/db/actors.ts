import type { JwtClaims, PlatformDb, Tx } from "../../supabase/functions/_shared/db/db.ts";
import { createTestUser } from "../support/db.ts";

/** Who runs a statement: the API roles as PostgREST would set them up, or the service context. */
export type ActorName = "anon" | "owner" | "another user" | "admin" | "service";

export interface Actor {
  name: ActorName;
  run<T>(db: PlatformDb, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

export function claimsActor(name: ActorName, claims: JwtClaims): Actor {
  return { name, run: (db, fn) => db.withClaims(claims, fn) };
}

export const anonActor = claimsActor("anon", { role: "anon" });
export const serviceActor: Actor = { name: "service", run: (db, fn) => db.asService(fn) };

export type TestUser = Awaited<ReturnType<typeof createTestUser>>;

/** A fresh user promoted by the table owner, as an admin action in the service would do. */
export async function createAdmin(db: PlatformDb): Promise<TestUser> {
  const admin = await createTestUser(db);
  await db.asOwner((tx) => tx.query("update public.profiles set role = 'admin' where id = $1", [admin.id]));
  return admin;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** Runs `fn` and reports a database refusal as a value, so a test can assert on either. */
export async function attempt<T>(
  actor: Actor,
  db: PlatformDb,
  fn: (tx: Tx) => Promise<T>,
): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await actor.run(db, fn) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** How Postgres refuses: a missing grant, an RLS check, or the ledger's append-only trigger. */
export const refusal = /permission denied|new row violates row-level security policy|append-only/;

export type StaffRole = "user" | "evaluator" | "viewer" | "admin";

/** A fresh user given `role` by the table owner (as an admin would through the admin function). */
export async function createUserWithRole(
  db: PlatformDb,
  role: StaffRole,
  options: { disabled?: boolean } = {},
): Promise<TestUser> {
  const user = await createTestUser(db);
  await db.asOwner((tx) =>
    tx.query(
      "update public.profiles set role = $2, disabled_at = case when $3 then now() end where id = $1",
      [user.id, role, options.disabled ?? false],
    )
  );
  return user;
}

import type { PlatformDb } from "../../supabase/functions/_shared/db/db.ts";
import { createPostgresDb } from "../../supabase/functions/_shared/db/postgres-db.ts";
import { createPgliteDb } from "../../supabase/local/db/pglite-db.ts";
import { migrate } from "../../supabase/local/db/migrate.ts";

const supabaseDir = new URL("../../supabase/", import.meta.url);

/**
 * A migrated database for a test file: the PostgreSQL in DATABASE_URL when set (CI runs the
 * database suites both ways), otherwise a fresh in-memory PGlite.
 */
export async function openTestDb(): Promise<PlatformDb> {
  const url = Deno.env.get("DATABASE_URL");
  const db = url ? createPostgresDb(url, { max: 4 }) : await createPgliteDb(undefined);
  await migrate(db, supabaseDir);
  return db;
}

/** A user in auth.users (the profile trigger runs as it would on sign-up); returns its id. */
export async function createTestUser(db: PlatformDb, email = `user-${crypto.randomUUID()}@example.test`) {
  const [row] = await db.asOwner((tx) =>
    tx.query<{ id: string }>(
      "insert into auth.users (email, email_confirmed_at) values ($1, now()) returning id",
      [email],
    )
  );
  return { id: row.id, email, claims: { role: "authenticated", sub: row.id, email, aud: "authenticated" } };
}

import type { PlatformDb } from "../../functions/_shared/db/db.ts";

const bootstrapUrl = new URL("./bootstrap.sql", import.meta.url);
/** Any constant works; it only has to be the same in every process that migrates this database. */
const migrationLockKey = 7_461_001;

export interface MigrationReport {
  applied: string[];
  seeded: boolean;
}

/** `20240101000000_name.sql` (the Supabase CLI's scheme) → its version and name. */
function parseMigrationFile(file: string): { version: string; name: string } | undefined {
  const match = /^(\d{14})_([a-z0-9_]+)\.sql$/.exec(file);
  return match ? { version: match[1], name: match[2] } : undefined;
}

async function listMigrations(migrationsDir: URL) {
  const files: string[] = [];
  for await (const entry of Deno.readDir(migrationsDir)) {
    if (entry.isFile && entry.name.endsWith(".sql")) {
      if (!parseMigrationFile(entry.name)) {
        throw new Error(`migration file name ${entry.name} is not <14-digit timestamp>_<snake_case>.sql`);
      }
      files.push(entry.name);
    }
  }
  return files.sort();
}

/**
 * Brings a database to the app's schema in one transaction, under an advisory lock so that
 * processes sharing a database never migrate it twice: the Supabase bootstrap, every migration
 * not yet recorded in `supabase_migrations.schema_migrations`, then the seed on a fresh database.
 */
export async function migrate(db: PlatformDb, supabaseDir: URL): Promise<MigrationReport> {
  const migrationsDir = new URL("migrations/", supabaseDir);
  const files = await listMigrations(migrationsDir);
  const bootstrap = await Deno.readTextFile(bootstrapUrl);
  const seed = await Deno.readTextFile(new URL("seed.sql", supabaseDir)).catch(() => "");

  return await db.asOwner(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [migrationLockKey]);
    await tx.exec(bootstrap);
    const rows = await tx.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    );
    const alreadyApplied = new Set(rows.map((row) => row.version));
    const fresh = alreadyApplied.size === 0;
    const applied: string[] = [];
    for (const file of files) {
      const { version, name } = parseMigrationFile(file)!;
      if (alreadyApplied.has(version)) continue;
      const script = await Deno.readTextFile(new URL(file, migrationsDir));
      try {
        await tx.exec(script);
      } catch (error) {
        throw new Error(`migration ${file} failed: ${(error as Error).message}`);
      }
      await tx.query(
        "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
        [version, name, [script]],
      );
      applied.push(file);
    }
    const seeded = fresh && seed.trim() !== "";
    if (seeded) await tx.exec(seed);
    return { applied, seeded };
  });
}

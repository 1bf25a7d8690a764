import { PGlite, type Transaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { createDb, type OwnerTx, type PlatformDb } from "../../functions/_shared/db/db.ts";

function wrap(tx: Transaction): OwnerTx {
  return {
    query: async <T>(text: string, params: readonly unknown[] = []) =>
      (await tx.query<T>(text, params as unknown[])).rows,
    exec: async (script: string) => void (await tx.exec(script)),
  };
}

/**
 * Embedded Postgres for the local platform. PGlite has a single connection, so every
 * transaction runs alone (queued behind the previous one) and RLS context is set only with
 * transaction-local settings, never left on the connection.
 */
export async function createPgliteDb(dataDir: string | undefined): Promise<PlatformDb> {
  // The extensions the migrations create must be loaded into PGlite up front.
  const extensions = { pg_trgm };
  const pg = await PGlite.create(dataDir ? { dataDir, extensions } : { extensions });
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
  return createDb({
    kind: "pglite",
    transaction: (fn) => serialized(() => pg.transaction((tx) => fn(wrap(tx)))),
    close: () => serialized(() => pg.close()),
  });
}

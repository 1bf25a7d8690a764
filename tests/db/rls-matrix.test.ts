/**
 * Every public table × select/insert/update/delete × {anon, owner, another user, admin, service}.
 * Each cell runs against a fresh owner and asserts both the reported outcome and the table's state
 * afterwards (read back by the table owner), so a refusal that still wrote something fails.
 */
import assert from "node:assert/strict";
import type { PlatformDb, Tx } from "../../supabase/functions/_shared/db/db.ts";
import { createTestUser, openTestDb } from "../support/db.ts";
import {
  type Actor,
  type ActorName,
  anonActor,
  attempt,
  claimsActor,
  createAdmin,
  createUserWithRole,
  refusal,
  serviceActor,
  type StaffRole,
} from "./actors.ts";

type Operation = "select" | "insert" | "update" | "delete";

interface TableSpec {
  table: string;
  /** The column holding the owner's id. */
  ownerColumn: "user_id" | "id";
  /** The column that names one row, when it is not `id` (album_images: an album holds an image once). */
  idColumn?: string;
  /** Writes a row owned by `ownerId` as the table owner; returns its id. */
  seedRow(tx: Tx, ownerId: string): Promise<string>;
  /** Readies `ownerId` for an insert of their row (profiles: the trigger already made one). */
  beforeInsert?(tx: Tx, ownerId: string): Promise<void>;
  /** Inserts a row for the owner ($1) and returns its id (as `id`). */
  insertSql: string;
  /** One column the update case sets on the seeded row ($1), and the value it sets. */
  update: { column: string; set: string; expected: unknown };
  allowed: Record<Operation, ActorName[]>;
}

const returningId = async (tx: Tx, text: string, params: unknown[]) =>
  (await tx.query<{ id: string }>(text, params))[0].id;

const everyUserRow: Record<Operation, ActorName[]> = {
  select: ["owner", "admin", "service"],
  insert: ["owner", "service"],
  update: ["owner", "service"],
  delete: ["owner", "service"],
};

/** An album and an image of the owner's, both with the owner's id as their own, for album_images. */
async function albumAndImage(tx: Tx, ownerId: string): Promise<void> {
  await tx.query(
    "insert into public.albums (id, user_id, title) values ($1, $1, 'Linked') on conflict do nothing",
    [ownerId],
  );
  await tx.query(
    `insert into public.images (id, user_id, prompt, resolved_prompt, model, provider, storage_path)
     values ($1::uuid, $1::uuid, 'A fox', 'A fox', 'local', 'local', $1::text || '/fox.png') on conflict do nothing`,
    [ownerId],
  );
}

const tables: TableSpec[] = [
  {
    table: "profiles",
    ownerColumn: "id",
    seedRow: (_tx, ownerId) => Promise.resolve(ownerId),
    beforeInsert: async (tx, ownerId) =>
      void await tx.query("delete from public.profiles where id = $1", [ownerId]),
    insertSql: "insert into public.profiles (id, email) values ($1, 'inserted@example.test') returning id",
    update: { column: "display_name", set: "display_name = 'Changed by test'", expected: "Changed by test" },
    allowed: {
      select: ["owner", "admin", "service"],
      insert: ["service"],
      update: ["owner", "service"],
      delete: ["service"],
    },
  },
  {
    table: "credit_ledger",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        "insert into public.credit_ledger (user_id, amount, reason) values ($1, 5, 'purchase') returning id",
        [
          ownerId,
        ],
      ),
    insertSql:
      "insert into public.credit_ledger (user_id, amount, reason) values ($1, 1000, 'purchase') returning id",
    update: { column: "amount", set: "amount = 7", expected: 7 },
    allowed: { select: ["owner", "admin", "service"], insert: ["service"], update: [], delete: [] },
  },
  {
    table: "images",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path)
         values ($1::uuid, 'Hi [FIRSTNAME]', 'Hi Ada', 'local', 'local', $1::text || '/seed.png') returning id`,
        [ownerId],
      ),
    insertSql: `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path)
                values ($1::uuid, 'A cat', 'A cat', 'local', 'local', $1::text || '/inserted.png') returning id`,
    update: { column: "is_favorite", set: "is_favorite = true", expected: true },
    allowed: everyUserRow,
  },
  {
    table: "templates",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        "insert into public.templates (user_id, name, prompt) values ($1, 'Mine', 'Hi [FIRSTNAME]') returning id",
        [
          ownerId,
        ],
      ),
    insertSql:
      "insert into public.templates (user_id, name, prompt) values ($1, 'New', 'A [COMPANY] mug') returning id",
    update: { column: "name", set: "name = 'Renamed'", expected: "Renamed" },
    allowed: everyUserRow,
  },
  {
    table: "batch_jobs",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        "insert into public.batch_jobs (user_id, name, prompt, model) values ($1, 'Leads', 'Hi [FIRSTNAME]', 'local') returning id",
        [ownerId],
      ),
    insertSql:
      "insert into public.batch_jobs (user_id, name, prompt, model) values ($1, 'New batch', 'Hi [FIRSTNAME]', 'local') returning id",
    update: { column: "name", set: "name = 'Renamed'", expected: "Renamed" },
    allowed: everyUserRow,
  },
  {
    table: "videos",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        `insert into public.videos (user_id, source_path, effect, duration_seconds, resolution)
         values ($1::uuid, $1::text || '/source.png', 'zoom-in', 3, '720p') returning id`,
        [ownerId],
      ),
    insertSql: `insert into public.videos (user_id, source_path, effect, duration_seconds, resolution)
                values ($1::uuid, $1::text || '/inserted.png', 'ken-burns', 5, '1080p') returning id`,
    // The column a client would most like to set: settlement belongs to the webhook (service) alone.
    update: { column: "payment_status", set: "payment_status = 'paid', paid_at = now()", expected: "paid" },
    allowed: {
      select: ["owner", "admin", "service"],
      // A video is priced and queued by the image-to-video function; a bare row would skip both.
      insert: ["service"],
      update: ["service"],
      delete: ["owner", "service"],
    },
  },
  {
    table: "credit_purchases",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        `insert into public.credit_purchases (user_id, pack_id, credits, amount_cents, payment_intent_id)
         values ($1, 'starter', 100, 500, 'pi_seed_' || replace(gen_random_uuid()::text, '-', '')) returning id`,
        [ownerId],
      ),
    insertSql: `insert into public.credit_purchases (user_id, pack_id, credits, amount_cents)
                values ($1, 'pro', 2000, 6000) returning id`,
    // What a client would most like to do: settle its own purchase without paying.
    update: { column: "status", set: "status = 'paid', paid_at = now()", expected: "paid" },
    allowed: {
      select: ["owner", "admin", "service"],
      // Priced from the pack table and settled by the webhook: the service's alone.
      insert: ["service"],
      update: ["service"],
      delete: ["service"],
    },
  },
  {
    table: "personalization_tokens",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        `insert into public.personalization_tokens (user_id, name, tokens)
         values ($1, 'Acme', '{"COMPANY": "Acme"}') returning id`,
        [ownerId],
      ),
    insertSql: `insert into public.personalization_tokens (user_id, name, tokens)
                values ($1, 'Globex', '{"COMPANY": "Globex"}') returning id`,
    update: { column: "name", set: "name = 'Renamed'", expected: "Renamed" },
    allowed: everyUserRow,
  },
  {
    table: "albums",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(tx, "insert into public.albums (user_id, title) values ($1, 'Trips') returning id", [
        ownerId,
      ]),
    insertSql: "insert into public.albums (user_id, title) values ($1, 'New album') returning id",
    update: { column: "title", set: "title = 'Renamed'", expected: "Renamed" },
    allowed: everyUserRow,
  },
  {
    table: "album_images",
    ownerColumn: "user_id",
    idColumn: "image_id",
    seedRow: async (tx, ownerId) => {
      await albumAndImage(tx, ownerId);
      await tx.query(
        "insert into public.album_images (album_id, image_id, user_id, position) values ($1, $1, $1, 1024)",
        [ownerId],
      );
      return ownerId;
    },
    beforeInsert: albumAndImage,
    insertSql:
      "insert into public.album_images (album_id, image_id, user_id, position) values ($1, $1, $1, 1024) returning image_id as id",
    update: { column: "position", set: "position = 2048", expected: 2048 },
    allowed: everyUserRow,
  },
  {
    table: "album_organisations",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        "insert into public.album_organisations (user_id, image_ids, provider) values ($1, array[gen_random_uuid()], 'local') returning id",
        [ownerId],
      ),
    insertSql:
      "insert into public.album_organisations (user_id, image_ids, provider) values ($1, array[gen_random_uuid()], 'local') returning id",
    update: { column: "status", set: "status = 'running'", expected: "running" },
    allowed: {
      select: ["owner", "admin", "service"],
      insert: ["service"],
      update: ["service"],
      delete: ["service"],
    },
  },
  {
    table: "usage_analytics",
    ownerColumn: "user_id",
    seedRow: (tx, ownerId) =>
      returningId(
        tx,
        "insert into public.usage_analytics (user_id, event_type, feature) values ($1, 'image.generated', 'ai-image') returning id",
        [ownerId],
      ),
    insertSql:
      "insert into public.usage_analytics (user_id, event_type) values ($1, 'page.viewed') returning id",
    update: { column: "event_type", set: "event_type = 'rewritten'", expected: "rewritten" },
    allowed: {
      select: ["owner", "admin", "service"],
      insert: ["owner", "service"],
      update: ["service"],
      delete: ["service"],
    },
  },
];

const operations: Operation[] = ["select", "insert", "update", "delete"];
const actorNames: ActorName[] = ["anon", "owner", "another user", "admin", "service"];

interface Cast {
  another: Actor;
  admin: Actor;
}

function actorFor(name: ActorName, owner: Actor, cast: Cast): Actor {
  switch (name) {
    case "anon":
      return anonActor;
    case "owner":
      return owner;
    case "another user":
      return cast.another;
    case "admin":
      return cast.admin;
    case "service":
      return serviceActor;
  }
}

const asTableOwner = <T>(db: PlatformDb, fn: (tx: Tx) => Promise<T>) => db.asOwner(fn);

async function ownerRowCount(db: PlatformDb, spec: TableSpec, ownerId: string): Promise<number> {
  const [row] = await asTableOwner(db, (tx) =>
    tx.query<{ count: number }>(
      `select count(*)::int as count from public.${spec.table} where ${spec.ownerColumn} = $1`,
      [ownerId],
    ));
  return row.count;
}

async function readColumn(db: PlatformDb, spec: TableSpec, rowId: string): Promise<unknown[]> {
  const rows = await asTableOwner(
    db,
    (tx) =>
      tx.query<{ value: unknown }>(
        `select ${spec.update.column} as value from public.${spec.table} where ${spec.idColumn ?? "id"} = $1`,
        [rowId],
      ),
  );
  return rows.map((row) => row.value);
}

function assertRefused(outcome: { ok: boolean; message?: string }, rowsReported: number) {
  if (outcome.ok) {
    assert.equal(rowsReported, 0, "a refused statement must not report rows");
  } else {
    assert.match(outcome.message!, refusal);
  }
}

async function checkCell(
  db: PlatformDb,
  spec: TableSpec,
  operation: Operation,
  actorName: ActorName,
  cast: Cast,
) {
  const owner = await createTestUser(db);
  const actor = actorFor(actorName, claimsActor("owner", owner.claims), cast);
  const allowed = spec.allowed[operation].includes(actorName);

  if (operation === "insert") {
    if (spec.beforeInsert) await asTableOwner(db, (tx) => spec.beforeInsert!(tx, owner.id));
    const before = await ownerRowCount(db, spec, owner.id);
    const outcome = await attempt(actor, db, (tx) => tx.query<{ id: string }>(spec.insertSql, [owner.id]));
    const after = await ownerRowCount(db, spec, owner.id);
    if (allowed) {
      assert.ok(outcome.ok, outcome.ok ? "" : outcome.message);
      assert.equal(outcome.value.length, 1);
      assert.equal(after, before + 1);
    } else {
      assertRefused(outcome, outcome.ok ? outcome.value.length : 0);
      assert.equal(after, before, "nothing was inserted");
    }
    return;
  }

  const rowId = await asTableOwner(db, (tx) => spec.seedRow(tx, owner.id));
  const id = spec.idColumn ?? "id";
  const sql = {
    select: `select ${id} as id from public.${spec.table} where ${id} = $1`,
    update: `update public.${spec.table} set ${spec.update.set} where ${id} = $1 returning ${id} as id`,
    delete: `delete from public.${spec.table} where ${id} = $1 returning ${id} as id`,
  }[operation];
  const before = await readColumn(db, spec, rowId);
  const outcome = await attempt(actor, db, (tx) => tx.query<{ id: string }>(sql, [rowId]));
  const after = await readColumn(db, spec, rowId);

  if (allowed) {
    assert.ok(outcome.ok, outcome.ok ? "" : outcome.message);
    assert.deepEqual(outcome.value.map((row) => row.id), [rowId]);
  } else {
    assertRefused(outcome, outcome.ok ? outcome.value.length : 0);
  }
  const changed = operation === "update" ? allowed : false;
  const deleted = operation === "delete" && allowed;
  if (deleted) assert.deepEqual(after, [], "the row is gone");
  else if (changed) assert.deepEqual(after, [spec.update.expected]);
  else assert.deepEqual(after, before, "the row is untouched");
}

Deno.test("RLS matrix", async (t) => {
  const db = await openTestDb();
  try {
    const cast: Cast = {
      another: claimsActor("another user", (await createTestUser(db)).claims),
      admin: claimsActor("admin", (await createAdmin(db)).claims),
    };
    for (const spec of tables) {
      await t.step(spec.table, async (t) => {
        for (const operation of operations) {
          for (const actorName of actorNames) {
            const verdict = spec.allowed[operation].includes(actorName) ? "allowed" : "denied";
            await t.step(
              `${operation} as ${actorName}: ${verdict}`,
              () => checkCell(db, spec, operation, actorName, cast),
            );
          }
        }
      });
    }
  } finally {
    await db.close();
  }
});

/*
 * The admin and evaluation tables are not owned by their users: what a caller may do follows from
 * their role. Every table × operation × {anon, user, evaluator, viewer, admin, disabled admin,
 * service}, each cell on fresh rows, checked afterwards by the table owner.
 */

type RoleActorName = "anon" | "user" | "evaluator" | "viewer" | "admin" | "disabled admin" | "service";

interface Fixture {
  subjectId: string;
  versionName: string;
  versionId: string;
  generationId: string;
}

interface RoleTableSpec {
  table: string;
  /** A row for select/update/delete; returns its id. */
  seedRow(tx: Tx, fixture: Fixture): Promise<string>;
  /** Inserts one row for the fixture ($1 the version, $2 the generation, $3 the subject user, $4 the name). */
  insertSql: string;
  /** Counts the rows an insert for the fixture would add to (a `where` the fixture's other parameters join). */
  countSql: string;
  update: { set: string; probe: string; expected: unknown };
  allowed: Record<Operation, RoleActorName[]>;
}

const staffRead: RoleActorName[] = ["evaluator", "viewer", "admin", "service"];

const fingerprint = "a".repeat(64);
/** Postgres must know each parameter's type, so a query that needs fewer of them names the rest here. */
const everyFixtureParam =
  "$1::uuid is not null and $2::uuid is not null and $3::uuid is not null and $4::text is not null";

async function seedFixture(tx: Tx, subjectId: string): Promise<Fixture> {
  const versionName = `Greeting ${crypto.randomUUID()}`;
  const versionId = await returningId(
    tx,
    `insert into public.prompt_version (name, user_prompt_template, model, created_by)
     values ($1, 'Hi [FIRSTNAME]', 'local', $2) returning id`,
    [versionName, subjectId],
  );
  const generationId = await returningId(
    tx,
    `insert into public.generation (prompt_version_id, user_id, status, input_fingerprint)
     values ($1, $2, 'succeeded', $3) returning id`,
    [versionId, subjectId, fingerprint],
  );
  return { subjectId, versionName, versionId, generationId };
}

const roleTables: RoleTableSpec[] = [
  {
    table: "prompt_version",
    // Its own version, with no generations: the service's delete must not trip the foreign key.
    seedRow: (tx, fixture) =>
      returningId(
        tx,
        "insert into public.prompt_version (name, user_prompt_template, model) values ($1, 'Hello', 'local') returning id",
        [fixture.versionName],
      ),
    insertSql: `insert into public.prompt_version (name, user_prompt_template, model)
                select $4, 'Hi [FIRSTNAME], v2', 'local' where $1::uuid is not null and $2::uuid is not null
                  and $3::uuid is not null returning id`,
    countSql: "select count(*)::int as count from public.prompt_version where name = $4",
    update: { set: "deleted_at = now()", probe: "deleted_at is not null", expected: true },
    allowed: {
      select: staffRead,
      insert: ["admin", "service"],
      update: ["admin", "service"],
      delete: ["service"],
    },
  },
  {
    table: "generation",
    seedRow: (tx, fixture) =>
      returningId(
        tx,
        `insert into public.generation (prompt_version_id, user_id, status, input_fingerprint)
         values ($1, $2, 'succeeded', $3) returning id`,
        [fixture.versionId, fixture.subjectId, fingerprint],
      ),
    insertSql: `insert into public.generation (prompt_version_id, user_id, input_fingerprint)
                select $1, coalesce((select auth.uid()), $3), repeat('b', 64)
                 where $2::uuid is not null and $4::text is not null returning id`,
    countSql: "select count(*)::int as count from public.generation where prompt_version_id = $1",
    update: { set: "result_rating = 4", probe: "result_rating", expected: 4 },
    allowed: {
      select: staffRead,
      insert: ["evaluator", "admin", "service"],
      update: ["evaluator", "admin", "service"],
      delete: ["admin", "service"],
    },
  },
  ...(["generation_image_input", "generation_image_output"] as const).map((table): RoleTableSpec => {
    const columns = table === "generation_image_input"
      ? {
        names: "generation_id, position, storage_path, mime_type, sha256",
        values: "'in.png', 'image/png', repeat('c', 64)",
      }
      : { names: "generation_id, position, storage_path", values: "'out.png'" };
    return {
      table,
      seedRow: (tx, fixture) =>
        returningId(
          tx,
          `insert into public.${table} (${columns.names}) values ($1, 0, ${columns.values}) returning id`,
          [fixture.generationId],
        ),
      insertSql: `insert into public.${table} (${columns.names})
                  select $2, 1, ${columns.values} where $1::uuid is not null and $3::uuid is not null
                    and $4::text is not null returning id`,
      countSql: `select count(*)::int as count from public.${table} where generation_id = $2`,
      update: { set: "position = 7", probe: "position", expected: 7 },
      allowed: { select: staffRead, insert: ["service"], update: ["service"], delete: ["service"] },
    };
  }),
  {
    // Analytics across users: the subject's events, read by admins and viewers.
    table: "usage_analytics",
    seedRow: (tx, fixture) =>
      returningId(
        tx,
        "insert into public.usage_analytics (user_id, event_type) values ($1, 'image.generated') returning id",
        [fixture.subjectId],
      ),
    insertSql: `insert into public.usage_analytics (user_id, event_type)
                select $3, 'page.viewed' where $1::uuid is not null and $2::uuid is not null
                  and $4::text is not null returning id`,
    countSql: "select count(*)::int as count from public.usage_analytics where user_id = $3",
    update: { set: "event_type = 'rewritten'", probe: "event_type", expected: "rewritten" },
    allowed: {
      select: ["viewer", "admin", "service"],
      insert: ["service"],
      update: ["service"],
      delete: ["service"],
    },
  },
];

const roleActorNames: RoleActorName[] = [
  "anon",
  "user",
  "evaluator",
  "viewer",
  "admin",
  "disabled admin",
  "service",
];

async function checkRoleCell(
  db: PlatformDb,
  spec: RoleTableSpec,
  operation: Operation,
  actor: Actor,
  allowed: boolean,
) {
  const subject = await createTestUser(db);
  const fixture = await asTableOwner(db, (tx) => seedFixture(tx, subject.id));
  const fixtureParams = [fixture.versionId, fixture.generationId, fixture.subjectId, fixture.versionName];

  if (operation === "insert") {
    const count = async () =>
      (await asTableOwner(
        db,
        (tx) => tx.query<{ count: number }>(`${spec.countSql} and ${everyFixtureParam}`, fixtureParams),
      ))[0]
        .count;
    const before = await count();
    const outcome = await attempt(actor, db, (tx) => tx.query<{ id: string }>(spec.insertSql, fixtureParams));
    const after = await count();
    if (allowed) {
      assert.ok(outcome.ok, outcome.ok ? "" : outcome.message);
      assert.equal(outcome.value.length, 1);
      assert.equal(after, before + 1);
    } else {
      assertRefused(outcome, outcome.ok ? outcome.value.length : 0);
      assert.equal(after, before, "nothing was inserted");
    }
    return;
  }

  const rowId = await asTableOwner(db, (tx) => spec.seedRow(tx, fixture));
  const probe = async () =>
    (await asTableOwner(
      db,
      (tx) =>
        tx.query<{ value: unknown }>(
          `select ${spec.update.probe} as value from public.${spec.table} where id = $1`,
          [rowId],
        ),
    )).map((row) => row.value);
  const sql = {
    select: `select id from public.${spec.table} where id = $1`,
    update: `update public.${spec.table} set ${spec.update.set} where id = $1 returning id`,
    delete: `delete from public.${spec.table} where id = $1 returning id`,
  }[operation];
  const before = await probe();
  const outcome = await attempt(actor, db, (tx) => tx.query<{ id: string }>(sql, [rowId]));
  const after = await probe();
  if (allowed) {
    assert.ok(outcome.ok, outcome.ok ? "" : outcome.message);
    assert.deepEqual(outcome.value.map((row) => row.id), [rowId]);
  } else {
    assertRefused(outcome, outcome.ok ? outcome.value.length : 0);
  }
  if (operation === "delete" && allowed) assert.deepEqual(after, [], "the row is gone");
  else if (operation === "update" && allowed) assert.deepEqual(after, [spec.update.expected]);
  else assert.deepEqual(after, before, "the row is untouched");
}

Deno.test("RLS role matrix: prompt versions, generations, their images and analytics", async (t) => {
  const db = await openTestDb();
  try {
    const withRole = async (role: StaffRole, disabled = false) =>
      claimsActor("owner", (await createUserWithRole(db, role, { disabled })).claims);
    const actors: Record<RoleActorName, Actor> = {
      anon: anonActor,
      user: await withRole("user"),
      evaluator: await withRole("evaluator"),
      viewer: await withRole("viewer"),
      admin: await withRole("admin"),
      "disabled admin": await withRole("admin", true),
      service: serviceActor,
    };
    for (const spec of roleTables) {
      await t.step(spec.table, async (t) => {
        for (const operation of operations) {
          for (const name of roleActorNames) {
            const allowed = spec.allowed[operation].includes(name);
            await t.step(
              `${operation} as ${name}: ${allowed ? "allowed" : "denied"}`,
              () => checkRoleCell(db, spec, operation, actors[name], allowed),
            );
          }
        }
      });
    }
  } finally {
    await db.close();
  }
});

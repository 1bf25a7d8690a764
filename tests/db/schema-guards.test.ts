import assert from "node:assert/strict";
import type { Tx } from "../../supabase/functions/_shared/db/db.ts";
import { createTestUser, openTestDb } from "../support/db.ts";
import { anonActor, attempt, claimsActor, createAdmin, refusal, serviceActor } from "./actors.ts";

const coreTables = [
  "profiles",
  "credit_ledger",
  "images",
  "templates",
  "batch_jobs",
  "videos",
  "personalization_tokens",
  "usage_analytics",
];

const expectRefused = (outcome: { ok: boolean; message?: string }, what: string) => {
  assert.equal(outcome.ok, false, `${what} should be refused`);
  assert.match(outcome.message!, refusal, what);
};

Deno.test("schema guards", async (t) => {
  const db = await openTestDb();
  try {
    await t.step("every table in public has row level security enabled", async () => {
      const tables = await db.asOwner((tx) =>
        tx.query<{ name: string; rls: boolean }>(
          `select c.relname as name, c.relrowsecurity as rls
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = 'public' and c.relkind in ('r', 'p')`,
        )
      );
      for (const table of coreTables) assert.ok(tables.some((row) => row.name === table), `${table} exists`);
      assert.deepEqual(tables.filter((row) => !row.rls).map((row) => row.name), []);
    });

    await t.step("anon holds no privilege on any core table", async () => {
      const rows = await db.asOwner((tx) =>
        tx.query<{ name: string; privilege: string }>(
          `select t.name, p.privilege
           from unnest($1::text[]) as t (name)
           cross join unnest(array['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger']) as p (privilege)
           where has_table_privilege('anon', 'public.' || t.name, p.privilege)`,
          [coreTables],
        )
      );
      assert.deepEqual(rows, []);
    });

    await t.step("signed-in users cannot TRUNCATE, which RLS would not stop", async () => {
      const user = await createTestUser(db);
      for (const table of coreTables) {
        expectRefused(
          await attempt(
            claimsActor("owner", user.claims),
            db,
            (tx) => tx.query(`truncate public.${table} cascade`),
          ),
          `truncate ${table}`,
        );
      }
    });

    await t.step("the private helpers are out of anon's reach", async () => {
      expectRefused(
        await attempt(anonActor, db, (tx) => tx.query("select private.is_admin()")),
        "anon calling is_admin",
      );
      const user = await createTestUser(db);
      const [row] = await db.withClaims(
        user.claims,
        (tx) => tx.query<{ admin: boolean }>("select private.is_admin() as admin"),
      );
      assert.equal(row.admin, false);
    });

    await t.step("the trigger functions in private cannot be called by the API roles", async () => {
      const callable = await db.asOwner((tx) =>
        tx.query<{ name: string; role: string }>(
          `select p.proname as name, r.role
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
           cross join unnest(array['anon', 'authenticated']) as r (role)
           where n.nspname = 'private' and p.proname = any($1)
             and has_function_privilege(r.role, p.oid, 'execute')`,
          [["handle_new_user", "handle_user_email_change", "refuse_credit_ledger_change", "set_updated_at"]],
        )
      );
      assert.deepEqual(callable, []);
    });

    await t.step("evaluators and viewers are not admins", async () => {
      const owner = await createTestUser(db);
      await db.asService((tx) =>
        tx.query(
          `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path)
           values ($1::uuid, 'p', 'p', 'local', 'local', $1::text || '/a.png')`,
          [owner.id],
        )
      );
      for (const role of ["evaluator", "viewer"]) {
        const staff = await createTestUser(db);
        await db.asService((tx) =>
          tx.query("update public.profiles set role = $1 where id = $2", [role, staff.id])
        );
        const rows = await db.withClaims(
          staff.claims,
          (tx) => tx.query("select id from public.images where user_id = $1", [owner.id]),
        );
        assert.deepEqual(rows, [], role);
      }
      const admin = await createAdmin(db);
      const rows = await db.withClaims(
        admin.claims,
        (tx) => tx.query("select id from public.images where user_id = $1", [owner.id]),
      );
      assert.equal(rows.length, 1, "while an admin sees the image");
    });

    await t.step(
      "system templates: every signed-in user reads them, nobody but the service writes them",
      async () => {
        const [template] = await db.asService((tx) =>
          tx.query<{ id: string }>(
            "insert into public.templates (user_id, name, prompt) values (null, 'System', 'Hi [FIRSTNAME]') returning id",
          )
        );
        const user = await createTestUser(db);
        const actor = claimsActor("owner", user.claims);
        const visible = await db.withClaims(
          user.claims,
          (tx) => tx.query("select id from public.templates where id = $1", [template.id]),
        );
        assert.equal(visible.length, 1);
        expectRefused(
          await attempt(
            anonActor,
            db,
            (tx) => tx.query("select id from public.templates where id = $1", [template.id]),
          ),
          "anon reading templates",
        );
        for (
          const statement of [
            "update public.templates set name = 'Mine now' where id = $1 returning id",
            "delete from public.templates where id = $1 returning id",
          ]
        ) {
          const outcome = await attempt(actor, db, (tx) => tx.query(statement, [template.id]));
          assert.deepEqual(outcome, { ok: true, value: [] }, statement);
        }
        expectRefused(
          await attempt(actor, db, (tx) =>
            tx.query(
              "insert into public.templates (user_id, name, prompt) values (null, 'Fake system', 'x')",
            )),
          "a user creating a system template",
        );
        const [unchanged] = await db.asOwner((tx) =>
          tx.query<{ name: string }>("select name from public.templates where id = $1", [template.id])
        );
        assert.equal(unchanged.name, "System");
      },
    );

    await t.step("the seed's system templates use personalization tokens", async () => {
      const rows = await db.asOwner((tx) =>
        tx.query<{ prompt: string }>(
          "select prompt from public.templates where user_id is null and prompt like '%[FIRSTNAME%'",
        )
      );
      assert.ok(rows.length >= 5, `found ${rows.length} seeded templates`);
    });

    await t.step("a stored path must sit in its owner's folder, whoever writes the row", async () => {
      const owner = await createTestUser(db);
      const victim = await createTestUser(db);
      for (const actor of [claimsActor("owner", owner.claims), serviceActor]) {
        const outcome = await attempt(actor, db, (tx) =>
          tx.query(
            `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path)
             values ($1, 'p', 'p', 'local', 'local', $2)`,
            [owner.id, `${victim.id}/their-photo.png`],
          ));
        assert.equal(outcome.ok, false, actor.name);
        assert.match((outcome as { message: string }).message, /check constraint/);
      }
    });

    await t.step("an image's parent must be the same owner's image, whoever writes the row", async () => {
      const owner = await createTestUser(db);
      const other = await createTestUser(db);
      const insertImage = (userId: string, parentId: string | null) => (tx: Tx) =>
        tx.query<{ id: string }>(
          `insert into public.images (user_id, prompt, resolved_prompt, model, provider, storage_path, parent_image_id)
           values ($1::uuid, 'p', 'p', 'local', 'local', $1::text || '/' || gen_random_uuid() || '.png', $2::uuid) returning id`,
          [userId, parentId],
        );
      const [theirs] = await db.asService(insertImage(other.id, null));
      const [mine] = await db.withClaims(owner.claims, insertImage(owner.id, null));
      for (const actor of [claimsActor("owner", owner.claims), serviceActor]) {
        const outcome = await attempt(actor, db, insertImage(owner.id, theirs.id));
        assert.equal(outcome.ok, false, actor.name);
        assert.match((outcome as { message: string }).message, /not one of this user's images/);
      }
      const [child] = await db.withClaims(owner.claims, insertImage(owner.id, mine.id));
      const [row] = await db.asOwner((tx) =>
        tx.query<{ parent: string }>(
          `select parent_image_id as parent from public.images where id = $1`,
          [child.id],
        )
      );
      assert.equal(row.parent, mine.id);
    });

    await t.step("a user cannot request a video that claims to be paid", async () => {
      const user = await createTestUser(db);
      const outcome = await attempt(claimsActor("owner", user.claims), db, (tx) =>
        tx.query(
          `insert into public.videos (user_id, source_path, effect, duration_seconds, resolution, payment_status, paid_at, video_path)
           values ($1::uuid, $1::text || '/a.png', 'zoom-in', 3, '720p', 'paid', now(), $1::text || '/full.mp4')`,
          [user.id],
        ));
      expectRefused(outcome, "inserting settlement columns");
      const rows = await db.asOwner((tx) =>
        tx.query("select id from public.videos where user_id = $1", [user.id])
      );
      assert.deepEqual(rows, []);
    });

    await t.step("a full video path needs a settlement, even from the service", async () => {
      const user = await createTestUser(db);
      const outcome = await attempt(serviceActor, db, (tx) =>
        tx.query(
          `insert into public.videos (user_id, source_path, effect, duration_seconds, resolution, video_path)
           values ($1::uuid, $1::text || '/a.png', 'zoom-in', 3, '720p', $1::text || '/full.mp4')`,
          [user.id],
        ));
      assert.equal(outcome.ok, false);
      assert.match((outcome as { message: string }).message, /check constraint/);
    });
  } finally {
    await db.close();
  }
});

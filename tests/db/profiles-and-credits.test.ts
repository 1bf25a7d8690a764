import assert from "node:assert/strict";
import { createTestUser, openTestDb } from "../support/db.ts";
import { anonActor, attempt, claimsActor, createAdmin, refusal, serviceActor } from "./actors.ts";

interface LedgerRow {
  amount: number;
  reason: string;
}

Deno.test("profiles and credits", async (t) => {
  const db = await openTestDb();
  const ledgerOf = (userId: string) =>
    db.asOwner((tx) =>
      tx.query<LedgerRow>(
        "select amount, reason from public.credit_ledger where user_id = $1 order by created_at",
        [userId],
      )
    );
  const roleOf = async (userId: string) =>
    (await db.asOwner((tx) =>
      tx.query<{ role: string }>("select role from public.profiles where id = $1", [userId])
    ))[0]
      .role;

  try {
    await t.step("sign-up creates the profile and exactly one +100 signup_bonus entry", async () => {
      const user = await createTestUser(db);
      const profiles = await db.asOwner((tx) =>
        tx.query<{ email: string; role: string; display_name: string | null }>(
          "select email, role, display_name from public.profiles where id = $1",
          [user.id],
        )
      );
      assert.deepEqual(profiles, [{ email: user.email, role: "user", display_name: null }]);
      assert.deepEqual(await ledgerOf(user.id), [{ amount: 100, reason: "signup_bonus" }]);
    });

    await t.step(
      "sign-up metadata is cut to what the profile accepts instead of failing the sign-up",
      async () => {
        const metadata = { full_name: `  ${"N".repeat(200)}  `, avatar_url: "http://insecure.example/a.png" };
        const email = `meta-${crypto.randomUUID()}@example.test`;
        const [row] = await db.asOwner(async (tx) => {
          await tx.query("insert into auth.users (email, raw_user_meta_data) values ($1, $2::text::jsonb)", [
            email,
            JSON.stringify(metadata),
          ]);
          return tx.query<{ display_name: string; avatar_url: string | null }>(
            "select display_name, avatar_url from public.profiles where email = $1",
            [email],
          );
        });
        assert.equal(row.display_name, "N".repeat(80));
        assert.equal(row.avatar_url, null);
      },
    );

    await t.step("a user edits their display name and avatar", async () => {
      const user = await createTestUser(db);
      const rows = await db.withClaims(
        user.claims,
        (tx) =>
          tx.query<{ display_name: string; avatar_url: string }>(
            `update public.profiles set display_name = 'Ada', avatar_url = 'https://example.test/ada.png'
           where id = $1 returning display_name, avatar_url`,
            [user.id],
          ),
      );
      assert.deepEqual(rows, [{ display_name: "Ada", avatar_url: "https://example.test/ada.png" }]);
    });

    await t.step("a user cannot change their role, alone or alongside an allowed column", async () => {
      const user = await createTestUser(db);
      const actor = claimsActor("owner", user.claims);
      for (
        const set of [
          "role = 'admin'",
          "display_name = 'Eve', role = 'admin'",
          "email = 'x@example.test'",
          "id = gen_random_uuid()",
        ]
      ) {
        const outcome = await attempt(
          actor,
          db,
          (tx) => tx.query(`update public.profiles set ${set} where id = $1`, [user.id]),
        );
        assert.equal(outcome.ok, false, set);
        assert.match((outcome as { message: string }).message, /permission denied/);
      }
      assert.equal(await roleOf(user.id), "user");
    });

    await t.step(
      "an admin cannot promote anyone either; roles change only in the service context",
      async () => {
        const admin = await createAdmin(db);
        const user = await createTestUser(db);
        const outcome = await attempt(
          claimsActor("admin", admin.claims),
          db,
          (tx) => tx.query("update public.profiles set role = 'admin' where id = $1", [user.id]),
        );
        assert.equal(outcome.ok, false);
        assert.equal(await roleOf(user.id), "user");
        await db.asService((tx) =>
          tx.query("update public.profiles set role = 'evaluator' where id = $1", [user.id])
        );
        assert.equal(await roleOf(user.id), "evaluator");
      },
    );

    await t.step("an email change in auth.users reaches the profile", async () => {
      const user = await createTestUser(db);
      const newEmail = `renamed-${crypto.randomUUID()}@example.test`;
      await db.asOwner((tx) =>
        tx.query("update auth.users set email = $1 where id = $2", [newEmail, user.id])
      );
      const [profile] = await db.asOwner((tx) =>
        tx.query<{ email: string }>("select email from public.profiles where id = $1", [user.id])
      );
      assert.equal(profile.email, newEmail);
    });

    await t.step("the ledger refuses UPDATE, DELETE and TRUNCATE even in the service context", async () => {
      const user = await createTestUser(db);
      for (
        const statement of [
          "update public.credit_ledger set amount = 1000000 where user_id = $1",
          "delete from public.credit_ledger where user_id = $1",
        ]
      ) {
        const outcome = await attempt(serviceActor, db, (tx) => tx.query(statement, [user.id]));
        assert.equal(outcome.ok, false, statement);
        assert.match((outcome as { message: string }).message, /append-only/);
      }
      const truncate = await attempt(serviceActor, db, (tx) => tx.query("truncate public.credit_ledger"));
      assert.equal(truncate.ok, false);
      assert.match((truncate as { message: string }).message, /append-only/);
      assert.deepEqual(await ledgerOf(user.id), [{ amount: 100, reason: "signup_bonus" }]);
    });

    await t.step("deleting a user takes their ledger with them", async () => {
      const user = await createTestUser(db);
      await db.asOwner((tx) => tx.query("delete from auth.users where id = $1", [user.id]));
      assert.deepEqual(await ledgerOf(user.id), []);
    });

    await t.step(
      "the balance is the sum of the user's entries, and only they (or the service) can see it",
      async () => {
        const user = await createTestUser(db);
        const other = await createTestUser(db);
        await db.asService((tx) =>
          tx.query(
            `insert into public.credit_ledger (user_id, amount, reason, reference_id)
           values ($1, -3, 'generation', 'img-1'), ($1, 3, 'refund', 'img-1'), ($1, 50, 'purchase', null),
                  ($1, -30, 'batch_row', 'row-1')`,
            [user.id],
          )
        );
        const sum = (await ledgerOf(user.id)).reduce((total, row) => total + row.amount, 0);
        assert.equal(sum, 120);
        const balance = (claims: typeof user.claims, target?: string) =>
          db.withClaims(claims, (tx) =>
            tx.query<{ balance: number }>(
              target
                ? "select public.credit_balance($1) as balance"
                : "select public.credit_balance() as balance",
              target ? [target] : [],
            )).then((rows) => Number(rows[0].balance));

        assert.equal(await balance(user.claims), sum);
        assert.equal(await balance(other.claims), 100);
        assert.equal(await balance(other.claims, user.id), 0, "another user's ledger is invisible");
        const [service] = await db.asService((tx) =>
          tx.query<{ balance: number }>("select public.credit_balance($1) as balance", [user.id])
        );
        assert.equal(Number(service.balance), sum);
        const anon = await attempt(anonActor, db, (tx) => tx.query("select public.credit_balance()"));
        assert.equal(anon.ok, false);
        assert.match((anon as { message: string }).message, refusal);
      },
    );
  } finally {
    await db.close();
  }
});

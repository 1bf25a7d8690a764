import assert from "node:assert/strict";
import {
  readBalance,
  readLedgerPage,
  readProfile,
  updateProfile,
} from "../../supabase/functions/_shared/account/account-store.ts";
import { decodeLedgerCursor } from "../../supabase/functions/_shared/account/ledger-cursor.ts";
import { createTestUser, openTestDb } from "../support/db.ts";
import { createAdmin, type TestUser } from "./actors.ts";

Deno.test("account store", async (t) => {
  const db = await openTestDb();
  const allEntryIds = (user: TestUser) =>
    db.asOwner((tx) =>
      tx.query<{ id: string }>(
        "select id from public.credit_ledger where user_id = $1 order by created_at desc, id desc",
        [
          user.id,
        ],
      )
    ).then((rows) => rows.map((row) => row.id));

  try {
    await t.step(
      "paging the ledger visits every entry once, newest first, even among equal timestamps",
      async () => {
        const user = await createTestUser(db);
        // One statement, so the 25 entries share one now(): only the id can order them.
        await db.asService((tx) =>
          tx.query(
            `insert into public.credit_ledger (user_id, amount, reason)
           select $1, -1, 'generation' from generate_series(1, 25)`,
            [user.id],
          )
        );
        await db.asService((tx) =>
          tx.query("insert into public.credit_ledger (user_id, amount, reason) values ($1, 40, 'purchase')", [
            user.id,
          ])
        );
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await db.withClaims(
            user.claims,
            (tx) => readLedgerPage(tx, user.id, 7, cursor ? decodeLedgerCursor(cursor) : undefined),
          );
          seen.push(...page.entries.map((entry) => entry.id));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 10);
        assert.equal(pages, 4, "27 entries in pages of 7");
        assert.deepEqual(seen, await allEntryIds(user));
        const balance = await db.withClaims(user.claims, (tx) => readBalance(tx, user.id));
        assert.equal(balance, 100 - 25 + 40);
      },
    );

    await t.step("the last page has no next cursor, and entries carry what the page shows", async () => {
      const user = await createTestUser(db);
      const page = await db.withClaims(user.claims, (tx) => readLedgerPage(tx, user.id, 1, undefined));
      assert.equal(page.nextCursor, null);
      assert.equal(page.entries.length, 1);
      const [entry] = page.entries;
      assert.deepEqual({ amount: entry.amount, reason: entry.reason, description: entry.description }, {
        amount: 100,
        reason: "signup_bonus",
        description: "Welcome bonus",
      });
      assert.match(entry.createdAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    });

    await t.step("an admin's account shows their own ledger, not everyone's they may read", async () => {
      const admin = await createAdmin(db);
      await createTestUser(db);
      const page = await db.withClaims(admin.claims, (tx) => readLedgerPage(tx, admin.id, 100, undefined));
      assert.deepEqual(page.entries.map((entry) => entry.id), await allEntryIds(admin));
      assert.equal(await db.withClaims(admin.claims, (tx) => readBalance(tx, admin.id)), 100);
    });

    await t.step("a profile update changes only the fields sent, and null clears the avatar", async () => {
      const user = await createTestUser(db);
      await db.withClaims(
        user.claims,
        (tx) => updateProfile(tx, user.id, { displayName: "Ada", avatarUrl: "https://example.test/a.png" }),
      );
      const renamed = await db.withClaims(
        user.claims,
        (tx) => updateProfile(tx, user.id, { displayName: "Ada L." }),
      );
      assert.equal(renamed?.avatarUrl, "https://example.test/a.png");
      const cleared = await db.withClaims(
        user.claims,
        (tx) => updateProfile(tx, user.id, { avatarUrl: null }),
      );
      assert.deepEqual(
        {
          displayName: cleared?.displayName,
          avatarUrl: cleared?.avatarUrl,
          role: cleared?.role,
          email: cleared?.email,
        },
        { displayName: "Ada L.", avatarUrl: null, role: "user", email: user.email },
      );
    });

    await t.step("a user cannot read or update another user's profile through the store", async () => {
      const user = await createTestUser(db);
      const other = await createTestUser(db);
      assert.equal(await db.withClaims(user.claims, (tx) => readProfile(tx, other.id)), undefined);
      assert.equal(
        await db.withClaims(user.claims, (tx) => updateProfile(tx, other.id, { displayName: "Hacked" })),
        undefined,
      );
      const profile = await db.withClaims(other.claims, (tx) => readProfile(tx, other.id));
      assert.equal(profile?.displayName, null);
    });
  } finally {
    await db.close();
  }
});

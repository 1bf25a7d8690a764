// Only the service (the signature-verified webhook) can mark a video paid: users hold no UPDATE on
// public.videos, cannot set payment columns when they insert, and cannot see or write the Stripe
// event log.
import assert from "node:assert/strict";
import { createTestUser, openTestDb } from "../support/db.ts";
import { anonActor, attempt, claimsActor, refusal, serviceActor } from "./actors.ts";

const expectRefused = (outcome: { ok: boolean; message?: string }, what: string) => {
  assert.equal(outcome.ok, false, `${what} should be refused`);
  assert.match(outcome.message!, refusal, what);
};

Deno.test("video payment guards", async (t) => {
  const db = await openTestDb();
  try {
    const owner = await createTestUser(db);
    const [video] = await db.asService((tx) =>
      tx.query<{ id: string }>(
        `insert into public.videos (user_id, source_path, effect, duration_seconds, resolution, status)
         values ($1::uuid, $1::text || '/source.png', 'zoom-in', 3, '720p', 'preview_ready') returning id`,
        [owner.id],
      )
    );
    const paymentOf = async () =>
      (await db.asService((tx) =>
        tx.query<{ paymentStatus: string; paidAt: Date | null; intent: string | null; status: string }>(
          `select payment_status as "paymentStatus", paid_at as "paidAt", payment_intent_id as intent, status
             from public.videos where id = $1`,
          [video.id],
        )
      ))[0];

    await t.step("the owner cannot update any payment column of their own video", async () => {
      const user = claimsActor("owner", owner.claims);
      const statements = [
        "update public.videos set payment_status = 'paid', paid_at = now() where id = $1",
        "update public.videos set payment_intent_id = 'pi_forged' where id = $1",
        "update public.videos set payment_amount_cents = 1 where id = $1",
        "update public.videos set status = 'rendering' where id = $1",
      ];
      for (const statement of statements) {
        expectRefused(await attempt(user, db, (tx) => tx.query(statement, [video.id])), statement);
      }
      assert.deepEqual(await paymentOf(), {
        paymentStatus: "unpaid",
        paidAt: null,
        intent: null,
        status: "preview_ready",
      });
    });

    await t.step("a user cannot insert a video that is already paid", async () => {
      const outcome = await attempt(claimsActor("owner", owner.claims), db, (tx) =>
        tx.query(
          `insert into public.videos (user_id, source_path, effect, duration_seconds, resolution, payment_status, paid_at)
           values ($1::uuid, $1::text || '/other.png', 'fade', 2, '480p', 'paid', now())`,
          [owner.id],
        ));
      expectRefused(outcome, "insert with payment_status");
    });

    await t.step("the Stripe event log is the service's alone, with row level security on", async () => {
      const [table] = await db.asOwner((tx) =>
        tx.query<{ rls: boolean }>(
          `select c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'private' and c.relname = 'stripe_events'`,
        )
      );
      assert.equal(table.rls, true);
      for (const actor of [anonActor, claimsActor("owner", owner.claims)]) {
        expectRefused(
          await attempt(actor, db, (tx) => tx.query("select * from private.stripe_events")),
          `${actor.name} reads`,
        );
        expectRefused(
          await attempt(
            actor,
            db,
            (tx) =>
              tx.query(
                "insert into private.stripe_events (id, type, outcome) values ('evt_forged', 'x', 'settled')",
              ),
          ),
          `${actor.name} inserts`,
        );
      }
      const recorded = await attempt(serviceActor, db, (tx) =>
        tx.query(
          `insert into private.stripe_events (id, type, outcome) values ('evt_service', 'payment_intent.created', 'ignored')
           on conflict (id) do nothing returning id`,
        ));
      assert.equal(recorded.ok, true);
      const again = await db.asService((tx) =>
        tx.query(
          `insert into private.stripe_events (id, type, outcome) values ('evt_service', 'payment_intent.created', 'ignored')
           on conflict (id) do nothing returning id`,
        )
      );
      assert.deepEqual(again, [], "an event id is recorded once");
    });

    await t.step("the service may settle, and a paid video keeps paid_at", async () => {
      await db.asService((tx) =>
        tx.query("update public.videos set payment_status = 'paid', paid_at = now() where id = $1", [
          video.id,
        ])
      );
      assert.equal((await paymentOf()).paymentStatus, "paid");
      const unpaidAt = await attempt(
        serviceActor,
        db,
        (tx) => tx.query("update public.videos set paid_at = null where id = $1", [video.id]),
      );
      assert.equal(unpaidAt.ok, false, "payment_status paid requires paid_at");
    });
  } finally {
    await db.close();
  }
});

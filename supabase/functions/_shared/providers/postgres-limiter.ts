/**
 * Per-provider concurrency across every worker process: a provider has `limit` slots in
 * private.provider_slots, a call leases one (skip-locked, so racing workers never take the same
 * slot) and renews the lease while it runs; a slot whose worker died frees itself when its lease
 * expires. Waiters in this process are woken by a local release at once and poll otherwise.
 */
import type { Db } from "../db/db.ts";
import { log } from "../log.ts";
import type { ConcurrencyLimiter, Release } from "./concurrency.ts";

export interface PostgresLimiterOptions {
  db: Db;
  limits: Readonly<Record<string, number>>;
  fallbackLimit?: number;
  /** Names this limiter's leases (for anyone reading the table); unique per limiter. */
  owner?: string;
  leaseSeconds?: number;
  /** How often a waiter looks for a slot another process freed. */
  pollIntervalMs?: number;
}

export function createPostgresLimiter(options: PostgresLimiterOptions): ConcurrencyLimiter {
  const { db } = options;
  const owner = options.owner ?? `limiter-${crypto.randomUUID()}`;
  const leaseSeconds = options.leaseSeconds ?? 30;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const provisioned = new Map<string, Promise<void>>();
  const localWaiters = new Set<() => void>();

  const limitFor = (key: string) => options.limits[key] ?? options.fallbackLimit ?? 4;

  /** Makes the key's slots exist; slots above a lowered limit stay but are never taken. */
  function provision(key: string): Promise<void> {
    let done = provisioned.get(key);
    if (!done) {
      const limit = limitFor(key);
      done = db.asService(async (tx) => {
        await tx.query(
          `insert into private.provider_slots (provider, slot)
           select $1, generate_series(0, $2 - 1) on conflict do nothing`,
          [key, limit],
        );
      });
      provisioned.set(key, done);
      done.catch(() => provisioned.delete(key));
    }
    return done;
  }

  async function tryTake(key: string, token: string): Promise<number | undefined> {
    const [row] = await db.asService((tx) =>
      tx.query<{ slot: number }>(
        `update private.provider_slots s
            set lease_owner = $2, lease_expires_at = now() + make_interval(secs => $4)
          where (s.provider, s.slot) = (
            select provider, slot from private.provider_slots
             where provider = $1 and slot < $3 and (lease_owner is null or lease_expires_at < now())
             order by slot limit 1
             for update skip locked)
          returning s.slot`,
        [key, token, limitFor(key), leaseSeconds],
      )
    );
    return row?.slot;
  }

  function waitForSlot(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        localWaiters.delete(done);
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        localWaiters.delete(done);
        reject(signal!.reason);
      };
      // Jitter, so that waiters in many processes do not poll in lockstep.
      const timer = setTimeout(done, pollIntervalMs * (0.5 + Math.random()));
      localWaiters.add(done);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  return {
    async acquire(key, signal): Promise<Release> {
      await provision(key);
      const token = `${owner}:${crypto.randomUUID()}`;
      while (true) {
        signal?.throwIfAborted();
        const slot = await tryTake(key, token);
        if (slot !== undefined) return holdSlot(key, slot, token);
        await waitForSlot(signal);
      }
    },
  };

  function holdSlot(key: string, slot: number, token: string): Release {
    const renew = setInterval(() => {
      db.asService((tx) =>
        tx.query(
          `update private.provider_slots set lease_expires_at = now() + make_interval(secs => $3)
            where provider = $1 and slot = $2 and lease_owner = $4`,
          [key, slot, leaseSeconds, token],
        )
      ).catch((error) => log.warn("renewing a provider slot failed", { provider: key, error: String(error) }));
    }, (leaseSeconds * 1000) / 3);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      db.asService((tx) =>
        tx.query(
          `update private.provider_slots set lease_owner = null, lease_expires_at = null
            where provider = $1 and slot = $2 and lease_owner = $3`,
          [key, slot, token],
        )
      ).catch((error) => log.warn("releasing a provider slot failed", { provider: key, error: String(error) }))
        .finally(() => {
          // Hand the slot to a waiter here first: it retries at once instead of at its next poll.
          const [next] = localWaiters;
          next?.();
        });
    };
  }
}

/**
 * Per-provider concurrency across every worker process: a provider has `limit` slots in
 * private.provider_slots, a process leases one (skip-locked, so racing processes never take the
 * same slot) and renews the lease while it is used; a slot whose process died frees itself when
 * its lease expires. A slot released while another call in the same process waits is handed to
 * that call directly, lease and all, so a busy worker pays no database round trip per call.
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

interface Lease {
  slot: number;
  token: string;
}

/** The calls of one key in this process: they take turns asking Postgres, one at a time. */
interface Turns {
  busy: boolean;
  queue: Array<() => void>;
  /** Slots released here while a call waited, for the waiting call to take over. */
  handedOver: Lease[];
  wake: (() => void) | undefined;
}

export function createPostgresLimiter(options: PostgresLimiterOptions): ConcurrencyLimiter {
  const { db } = options;
  const owner = options.owner ?? `limiter-${crypto.randomUUID()}`;
  // Short, and renewed while held: a dead worker's slots come back within seconds.
  const leaseSeconds = options.leaseSeconds ?? 10;
  const pollIntervalMs = options.pollIntervalMs ?? 50;
  const provisioned = new Map<string, Promise<void>>();
  const turnsByKey = new Map<string, Turns>();

  const limitFor = (key: string) => options.limits[key] ?? options.fallbackLimit ?? 4;

  /** Makes the key's slots exist; slots above a lowered limit stay but are never taken. */
  function provision(key: string): Promise<void> {
    let done = provisioned.get(key);
    if (!done) {
      done = db.asService(async (tx) => {
        await tx.query(
          `insert into private.provider_slots (provider, slot)
           select $1, generate_series(0, $2 - 1) on conflict do nothing`,
          [key, limitFor(key)],
        );
      });
      provisioned.set(key, done);
      done.catch(() => provisioned.delete(key));
    }
    return done;
  }

  function turnsFor(key: string): Turns {
    let turns = turnsByKey.get(key);
    if (!turns) {
      turns = { busy: false, queue: [], handedOver: [], wake: undefined };
      turnsByKey.set(key, turns);
    }
    return turns;
  }

  async function tryTake(key: string): Promise<Lease | undefined> {
    const token = `${owner}:${crypto.randomUUID()}`;
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
    return row ? { slot: row.slot, token } : undefined;
  }

  function giveBack(key: string, lease: Lease) {
    db.asService((tx) =>
      tx.query(
        `update private.provider_slots set lease_owner = null, lease_expires_at = null
          where provider = $1 and slot = $2 and lease_owner = $3`,
        [key, lease.slot, lease.token],
      )
    ).catch((error) => log.warn("releasing a provider slot failed", { provider: key, error: String(error) }));
  }

  function takeTurn(turns: Turns, signal?: AbortSignal): Promise<void> {
    if (!turns.busy) {
      turns.busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = turns.queue.indexOf(go);
        if (index >= 0) turns.queue.splice(index, 1);
        reject(signal!.reason);
      };
      turns.queue.push(go);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function passTurn(key: string, turns: Turns) {
    const next = turns.queue.shift();
    if (next) return next();
    turns.busy = false;
    // Nobody here wants the slots handed over any more: back to the other processes.
    for (const lease of turns.handedOver.splice(0)) giveBack(key, lease);
  }

  /** Until the next poll, or sooner when a slot is handed over in this process. */
  function pause(turns: Turns, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        turns.wake = undefined;
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        turns.wake = undefined;
        reject(signal!.reason);
      };
      // Jitter, so that waiters in many processes do not poll in lockstep.
      const timer = setTimeout(done, pollIntervalMs * (0.5 + Math.random()));
      turns.wake = done;
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  function hold(key: string, lease: Lease): Release {
    const renew = setInterval(() => {
      db.asService((tx) =>
        tx.query(
          `update private.provider_slots set lease_expires_at = now() + make_interval(secs => $3)
            where provider = $1 and slot = $2 and lease_owner = $4`,
          [key, lease.slot, leaseSeconds, lease.token],
        )
      ).catch((error) =>
        log.warn("renewing a provider slot failed", { provider: key, error: String(error) })
      );
    }, (leaseSeconds * 1000) / 3);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      clearInterval(renew);
      const turns = turnsFor(key);
      if (turns.busy) {
        turns.handedOver.push(lease);
        turns.wake?.();
      } else {
        giveBack(key, lease);
      }
    };
  }

  return {
    async acquire(key, signal): Promise<Release> {
      signal?.throwIfAborted();
      await provision(key);
      const turns = turnsFor(key);
      await takeTurn(turns, signal);
      try {
        while (true) {
          signal?.throwIfAborted();
          const lease = turns.handedOver.shift() ?? await tryTake(key);
          if (lease) return hold(key, lease);
          if (turns.handedOver.length === 0) await pause(turns, signal);
        }
      } finally {
        passTurn(key, turns);
      }
    },
  };
}

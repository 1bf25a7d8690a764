import type { Db } from "../db/db.ts";
import { ApiError } from "../http/errors.ts";

export interface RateLimit {
  /** e.g. "image-generation" */
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts the request against `limit` per `windowSeconds` for `subject`, across every function
 * instance (the count lives in Postgres; an advisory lock per bucket makes check-and-add atomic).
 * Throws a 429 with Retry-After when the window is full; a refused request is not counted.
 */
export async function enforceRateLimit(db: Db, rule: RateLimit, subject: string): Promise<void> {
  const bucket = `${rule.name}:${subject}`;
  const retryAfterSeconds = await db.asService(async (tx) => {
    await tx.query("select pg_advisory_xact_lock(hashtext($1))", [bucket]);
    await tx.query(
      "delete from private.rate_limit_hits where bucket = $1 and hit_at <= now() - make_interval(secs => $2)",
      [bucket, rule.windowSeconds],
    );
    const [window] = await tx.query<{ hits: number; oldest: number | null }>(
      `select count(*)::int as hits,
              extract(epoch from min(hit_at) + make_interval(secs => $2) - now())::float8 as oldest
         from private.rate_limit_hits where bucket = $1`,
      [bucket, rule.windowSeconds],
    );
    if (window.hits >= rule.limit) return Math.max(1, Math.ceil(window.oldest ?? rule.windowSeconds));
    await tx.query("insert into private.rate_limit_hits (bucket) values ($1)", [bucket]);
    return 0;
  });
  if (retryAfterSeconds > 0) {
    throw new ApiError(
      429,
      "RATE_LIMITED",
      `Too many requests: at most ${rule.limit} per ${rule.windowSeconds} seconds. Try again in ${retryAfterSeconds} s.`,
      { limit: rule.limit, windowSeconds: rule.windowSeconds, retryAfterSeconds },
      { "retry-after": String(retryAfterSeconds) },
    );
  }
}

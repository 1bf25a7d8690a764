import type { Tx } from "../db/db.ts";
import type { ProfilePatch } from "../domain/contracts/account.ts";
import { encodeLedgerCursor, type LedgerPosition } from "./ledger-cursor.ts";

export interface AccountProfile {
  id: string;
  email: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  role: "user" | "evaluator" | "viewer" | "admin";
  createdAt: string;
}

export interface LedgerEntry {
  id: string;
  amount: number;
  reason: string;
  description: string | null;
  createdAt: string;
}

export interface LedgerPage {
  entries: LedgerEntry[];
  nextCursor: string | null;
}

// Timestamps are formatted by Postgres so that PGlite and postgres.js hand back the same strings.
const isoTime = (column: string) => `to_char(${column} at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const profileColumns = `id, email, display_name as "displayName", avatar_url as "avatarUrl", role,
  ${isoTime("created_at")} as "createdAt"`;

/** These functions run inside `withClaims`: RLS decides what the caller may read and write. */
export async function readProfile(tx: Tx, userId: string): Promise<AccountProfile | undefined> {
  const [profile] = await tx.query<AccountProfile>(
    `select ${profileColumns} from public.profiles where id = $1`,
    [userId],
  );
  return profile;
}

export async function readBalance(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.query<{ balance: number | string }>("select public.credit_balance($1) as balance", [
    userId,
  ]);
  return Number(row.balance);
}

/**
 * One page of the user's ledger, newest first. The explicit user filter matters: RLS lets an
 * admin read every ledger, but the account page is about the caller's own.
 */
export async function readLedgerPage(
  tx: Tx,
  userId: string,
  limit: number,
  after: LedgerPosition | undefined,
): Promise<LedgerPage> {
  const rows = await tx.query<LedgerEntry & { positionMicros: string }>(
    `select id, amount, reason, description, ${isoTime("created_at")} as "createdAt",
            (extract(epoch from created_at) * 1000000)::bigint::text as "positionMicros"
     from public.credit_ledger
     where user_id = $1
       ${
      after
        ? "and (created_at, id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid)"
        : ""
    }
     order by created_at desc, id desc
     limit $2`,
    after ? [userId, limit + 1, after.createdAtMicros, after.id] : [userId, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(({ positionMicros: _position, ...entry }) => entry),
    nextCursor: rows.length > limit && last
      ? encodeLedgerCursor({ createdAtMicros: last.positionMicros, id: last.id })
      : null,
  };
}

const patchColumns = { displayName: "display_name", avatarUrl: "avatar_url" } as const;

export async function updateProfile(
  tx: Tx,
  userId: string,
  patch: ProfilePatch,
): Promise<AccountProfile | undefined> {
  const assignments: string[] = [];
  const params: unknown[] = [userId];
  for (const [field, column] of Object.entries(patchColumns)) {
    const value = patch[field as keyof typeof patchColumns];
    if (value === undefined) continue;
    params.push(value);
    assignments.push(`${column} = $${params.length}`);
  }
  const [profile] = await tx.query<AccountProfile>(
    `update public.profiles set ${assignments.join(", ")} where id = $1 returning ${profileColumns}`,
    params,
  );
  return profile;
}

import type { Tx } from "../db/db.ts";
import type {
  LedgerBatch,
  LedgerEntry as ContractLedgerEntry,
  Payment,
  ProfilePatch,
} from "../domain/contracts/account.ts";
import { encodeLedgerCursor, type LedgerPosition } from "./ledger-cursor.ts";

export interface AccountProfile {
  id: string;
  email: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  role: "user" | "evaluator" | "viewer" | "admin";
  createdAt: string;
}

export type LedgerEntry = ContractLedgerEntry & { description: string | null };

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

interface LedgerLine {
  id: string;
  amount: number;
  reason: string;
  description: string | null;
  createdAt: string;
  positionMicros: string;
  referenceId: string | null;
  metadata: Record<string, unknown>;
  batchId: string | null;
  batchName: string | null;
  rowCount: number | null;
  debited: number | null;
  refunded: number | null;
}

const purchaseFields = ["purchaseId", "packId", "credits", "amountCents", "currency"] as const;

/** The optional fields only where they mean something, so older entries look as they always did. */
function toEntry(line: LedgerLine, inBatch: boolean): LedgerEntry {
  const entry: LedgerEntry = {
    id: line.id,
    amount: line.amount,
    reason: line.reason,
    description: line.description,
    createdAt: line.createdAt,
  };
  if (line.referenceId !== null) entry.referenceId = line.referenceId;
  const metadata = line.metadata;
  if (line.reason === "purchase" && purchaseFields.every((field) => metadata[field] !== undefined)) {
    entry.purchase = {
      purchaseId: String(metadata.purchaseId),
      packId: String(metadata.packId),
      credits: Number(metadata.credits),
      amountCents: Number(metadata.amountCents),
      currency: String(metadata.currency),
    };
  }
  if (line.batchId !== null && !inBatch) {
    const batch: LedgerBatch = {
      id: line.batchId,
      name: line.batchName,
      rowCount: Number(line.rowCount),
      debited: Number(line.debited),
      refunded: Number(line.refunded),
    };
    entry.batch = batch;
  }
  if (inBatch && typeof metadata.rowNumber === "number") entry.rowNumber = metadata.rowNumber;
  return entry;
}

/**
 * The user's entries, each batch's row debits and their refunds marked with the batch they belong
 * to (a refund names no batch of its own: it is found by the debit it gives back). The explicit
 * user filter matters: RLS lets an admin read every ledger, but the account page is the caller's.
 */
const entriesWithBatch = `
  select l.id, l.amount, l.reason, l.description, l.created_at, l.reference_id, l.metadata,
         case
           when l.reason = 'batch_row' then l.metadata ->> 'batchId'
           when l.reason = 'refund' and l.reference_id is not null then (
             select d.metadata ->> 'batchId' from public.credit_ledger d
              where d.user_id = l.user_id and d.reference_id = l.reference_id and d.reason = 'batch_row'
              limit 1
           )
         end as batch_key
    from public.credit_ledger l
   where l.user_id = $1`;

const lineColumns = `id, amount, reason, description, ${isoTime("created_at")} as "createdAt",
  (extract(epoch from created_at) * 1000000)::bigint::text as "positionMicros",
  reference_id as "referenceId", metadata`;

async function readPage(
  tx: Tx,
  lines: string,
  params: unknown[],
  limit: number,
  after: LedgerPosition | undefined,
  inBatch: boolean,
): Promise<LedgerPage> {
  const limitParam = `$${params.length + 1}`;
  const [micros, id] = [`$${params.length + 2}`, `$${params.length + 3}`];
  const afterCursor = after
    ? `where (position_at, id) < (timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond', ${id}::uuid)`
    : "";
  const rows = await tx.query<LedgerLine>(
    `with lines as (${lines})
     select * from lines ${afterCursor}
      order by position_at desc, id desc
      limit ${limitParam}`,
    after ? [...params, limit + 1, after.createdAtMicros, after.id] : [...params, limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map((line) => toEntry(line, inBatch)),
    nextCursor: rows.length > limit && last
      ? encodeLedgerCursor({ createdAtMicros: last.positionMicros, id: last.id })
      : null,
  };
}

/**
 * One page of the user's ledger, newest first, a batch's entries as one line at its first entry's
 * place: that place does not move while the batch runs, so a cursor neither skips nor repeats it.
 */
export async function readLedgerPage(
  tx: Tx,
  userId: string,
  limit: number,
  after: LedgerPosition | undefined,
): Promise<LedgerPage> {
  const lines = `
    with entries as (${entriesWithBatch})
    select ${lineColumns}, created_at as position_at, null::text as "batchId", null::text as "batchName",
           null::int as "rowCount", null::int as debited, null::int as refunded
      from entries where batch_key is null
    union all
    select grouped.id, grouped.amount, 'batch_row', 'Batch ' || coalesce(b.name, '(deleted)'),
           ${isoTime("grouped.created_at")}, (extract(epoch from grouped.created_at) * 1000000)::bigint::text,
           null, '{}'::jsonb, grouped.created_at, grouped.batch_key, b.name, grouped.row_count, grouped.debited,
           grouped.refunded
      from (
        select (array_agg(id order by created_at, id))[1] as id, sum(amount)::int as amount,
               min(created_at) as created_at, batch_key,
               (count(*) filter (where reason = 'batch_row'))::int as row_count,
               (-coalesce(sum(amount) filter (where reason = 'batch_row'), 0))::int as debited,
               coalesce(sum(amount) filter (where reason = 'refund'), 0)::int as refunded
          from entries where batch_key is not null group by batch_key
      ) grouped
      left join public.batch_jobs b on b.id::text = grouped.batch_key`;
  return await readPage(tx, lines, [userId], limit, after, false);
}

/** One batch's own entries (its rows' debits and refunds), newest first; undefined if the user has none. */
export async function readBatchLedgerPage(
  tx: Tx,
  userId: string,
  batchId: string,
  limit: number,
  after: LedgerPosition | undefined,
): Promise<{ batch: { id: string; name: string | null } } & LedgerPage | undefined> {
  const [batch] = await tx.query<{ name: string | null; entries: boolean }>(
    `select (select name from public.batch_jobs where id = $2::text::uuid and user_id = $1) as name,
            exists (select 1 from public.credit_ledger
                     where user_id = $1 and reason = 'batch_row' and metadata ->> 'batchId' = $2::text) as entries`,
    [userId, batchId.toLowerCase()],
  );
  if (batch.name === null && !batch.entries) return undefined;
  const lines = `
    with entries as (${entriesWithBatch})
    select ${lineColumns}, created_at as position_at, null::text as "batchId", null::text as "batchName",
           null::int as "rowCount", null::int as debited, null::int as refunded
      from entries where batch_key = $2::text`;
  const page = await readPage(tx, lines, [userId, batchId.toLowerCase()], limit, after, true);
  return { batch: { id: batchId.toLowerCase(), name: batch.name }, ...page };
}

/**
 * The latest video payments and credit purchases, newest first. Videos never asked to pay
 * (unpaid) are not payments; purchases never sent to Stripe have no intent and are left out.
 */
export async function readPayments(tx: Tx, userId: string, limit: number): Promise<Payment[]> {
  const rows = await tx.query<Payment & { packId: string | null; credits: number | null }>(
    `select kind, id, amount, currency, status, ${isoTime("created_at")} as "createdAt",
            case when paid_at is null then null else ${isoTime("paid_at")} end as "paidAt",
            payment_intent_id as "paymentIntentId", pack_id as "packId", credits
       from (
         select 'video' as kind, id, payment_amount_cents as amount, currency, payment_status as status,
                created_at, paid_at, payment_intent_id, null::text as pack_id, null::int as credits
           from public.videos
          where user_id = $1 and payment_status <> 'unpaid' and payment_amount_cents is not null
         union all
         select 'credits', id, amount_cents, currency, status, created_at, paid_at, payment_intent_id, pack_id,
                credits
           from public.credit_purchases
          where user_id = $1 and payment_intent_id is not null
       ) payments
      order by created_at desc, id desc
      limit $2`,
    [userId, limit],
  );
  return rows.map(({ packId, credits, ...payment }) => ({
    ...payment,
    ...(packId === null ? {} : { packId }),
    ...(credits === null ? {} : { credits }),
  }));
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

/**
 * The one writer of the credit ledger's debits, refunds and purchases. Every change runs under the
 * user's credit lock and is keyed by what it is for (an image id, a batch row id, a payment
 * intent): a reference is debited once, refunded once and credited once, however often a crashed
 * job, a failed request or a redelivered webhook runs again.
 */
import type { Db, Tx } from "../db/db.ts";
import { ApiError } from "../http/errors.ts";

export type DebitReason = "generation" | "batch_row" | "prompt_tools" | "comparison_cell";

export interface Debit {
  userId: string;
  amount: number;
  reason: DebitReason;
  referenceId: string;
  description: string;
  metadata?: Record<string, unknown>;
}

export interface Refund {
  userId: string;
  referenceId: string;
  description: string;
}

export type CreditReason = "purchase";

export interface Credit {
  userId: string;
  amount: number;
  reason: CreditReason;
  referenceId: string;
  description: string;
  metadata?: Record<string, unknown>;
}

/** A 402 that also says, typed, what the balance was and what the debit still needed. */
export class InsufficientCreditsError extends ApiError {
  constructor(readonly balance: number, readonly required: number) {
    super(
      402,
      "INSUFFICIENT_CREDITS",
      `Not enough credits: this costs ${required} and your balance is ${balance}.`,
      { balance, required },
    );
  }
}

/** Serializes a user's credit changes across every function instance and worker. */
async function lockUserCredits(tx: Tx, userId: string) {
  await tx.query("select pg_advisory_xact_lock(hashtext('credits:' || $1))", [userId]);
}

export async function creditBalance(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.query<{ balance: number }>(
    "select coalesce(sum(amount), 0)::int8 as balance from public.credit_ledger where user_id = $1",
    [userId],
  );
  return row.balance;
}

/** What the entries for `referenceId` have taken and not given back. */
async function outstanding(tx: Tx, userId: string, referenceId: string): Promise<number> {
  const [row] = await tx.query<{ outstanding: number }>(
    `select (-coalesce(sum(amount), 0))::int8 as outstanding from public.credit_ledger
      where user_id = $1 and reference_id = $2`,
    [userId, referenceId],
  );
  return row.outstanding;
}

/**
 * Takes `amount` for `referenceId` unless it is taken already: what an earlier attempt debited
 * and nobody refunded counts toward it. Under the credit lock, so concurrent calls can never
 * spend the same credits twice; short of credits, an InsufficientCreditsError (402) that writes
 * nothing.
 */
export async function debitOnce(tx: Tx, debit: Debit): Promise<{ balanceAfter: number }> {
  await lockUserCredits(tx, debit.userId);
  const needed = debit.amount - await outstanding(tx, debit.userId, debit.referenceId);
  const balance = await creditBalance(tx, debit.userId);
  if (needed <= 0) return { balanceAfter: balance };
  if (balance < needed) throw new InsufficientCreditsError(balance, needed);
  await tx.query(
    `insert into public.credit_ledger (user_id, amount, reason, reference_id, description, metadata)
     values ($1, $2, $3, $4, $5, $6::text::jsonb)`,
    [
      debit.userId,
      -needed,
      debit.reason,
      debit.referenceId,
      debit.description,
      JSON.stringify(debit.metadata ?? {}),
    ],
  );
  return { balanceAfter: balance - needed };
}

/** Gives back what `referenceId` still holds, once: a second refund finds nothing left. Returns the amount. */
export async function refundOutstanding(tx: Tx, refund: Refund): Promise<number> {
  await lockUserCredits(tx, refund.userId);
  const amount = await outstanding(tx, refund.userId, refund.referenceId);
  if (amount <= 0) return 0;
  await tx.query(
    `insert into public.credit_ledger (user_id, amount, reason, reference_id, description)
     values ($1, $2, 'refund', $3, $4)`,
    [refund.userId, amount, refund.referenceId, refund.description],
  );
  return amount;
}

/**
 * Adds `amount` for `referenceId` unless an entry of this reason for it exists already (the
 * database also refuses a second purchase entry per reference). Returns whether it wrote one.
 */
export async function creditOnce(
  tx: Tx,
  credit: Credit,
): Promise<{ credited: boolean; balanceAfter: number }> {
  if (!Number.isInteger(credit.amount) || credit.amount <= 0) {
    throw new Error(`a credit must be a positive whole number of credits, not ${credit.amount}`);
  }
  await lockUserCredits(tx, credit.userId);
  const [existing] = await tx.query(
    "select 1 from public.credit_ledger where user_id = $1 and reference_id = $2 and reason = $3 limit 1",
    [credit.userId, credit.referenceId, credit.reason],
  );
  if (!existing) {
    await tx.query(
      `insert into public.credit_ledger (user_id, amount, reason, reference_id, description, metadata)
       values ($1, $2, $3, $4, $5, $6::text::jsonb)`,
      [
        credit.userId,
        credit.amount,
        credit.reason,
        credit.referenceId,
        credit.description,
        JSON.stringify(credit.metadata ?? {}),
      ],
    );
  }
  return { credited: !existing, balanceAfter: await creditBalance(tx, credit.userId) };
}

/** debitOnce in a transaction of its own, as the service. */
export async function reserveCredits(db: Db, debit: Debit): Promise<{ balanceAfter: number }> {
  return await db.asService((tx) => debitOnce(tx, debit));
}

/** refundOutstanding in a transaction of its own, as the service. */
export async function refundCredits(db: Db, refund: Refund): Promise<number> {
  return await db.asService((tx) => refundOutstanding(tx, refund));
}

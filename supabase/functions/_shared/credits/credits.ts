import type { Db, Tx } from "../db/db.ts";
import { ApiError } from "../http/errors.ts";

export type DebitReason = "generation" | "batch_row";

/** Serializes a user's credit changes across every function instance and worker. */
export async function lockUserCredits(tx: Tx, userId: string) {
  await tx.query("select pg_advisory_xact_lock(hashtext('credits:' || $1))", [userId]);
}

export async function creditBalance(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.query<{ balance: number }>(
    "select coalesce(sum(amount), 0)::int8 as balance from public.credit_ledger where user_id = $1",
    [userId],
  );
  return row.balance;
}

function insufficientCredits(balance: number, required: number): ApiError {
  return new ApiError(
    402,
    "INSUFFICIENT_CREDITS",
    `Not enough credits: this costs ${required} and your balance is ${balance}.`,
    { balance, required },
  );
}

/**
 * Checks the balance and appends the debit in one transaction under the user's credit lock, so
 * concurrent requests can never spend the same credits twice. Refused with a 402.
 */
export async function reserveCredits(
  db: Db,
  debit: { userId: string; amount: number; reason: DebitReason; referenceId: string; description: string },
): Promise<{ balanceAfter: number }> {
  return await db.asService(async (tx) => {
    await lockUserCredits(tx, debit.userId);
    const balance = await creditBalance(tx, debit.userId);
    if (balance < debit.amount) throw insufficientCredits(balance, debit.amount);
    await tx.query(
      `insert into public.credit_ledger (user_id, amount, reason, reference_id, description)
       values ($1, $2, $3, $4, $5)`,
      [debit.userId, -debit.amount, debit.reason, debit.referenceId, debit.description],
    );
    return { balanceAfter: balance - debit.amount };
  });
}

/**
 * Gives back what the debits for `referenceId` took, once: a second refund for the same
 * reference finds nothing left to return.
 */
export async function refundCredits(
  db: Db,
  refund: { userId: string; referenceId: string; description: string },
): Promise<number> {
  return await db.asService(async (tx) => {
    await lockUserCredits(tx, refund.userId);
    const [row] = await tx.query<{ outstanding: number }>(
      `select (-coalesce(sum(amount), 0))::int8 as outstanding from public.credit_ledger
        where user_id = $1 and reference_id = $2`,
      [refund.userId, refund.referenceId],
    );
    if (row.outstanding <= 0) return 0;
    await tx.query(
      `insert into public.credit_ledger (user_id, amount, reason, reference_id, description)
       values ($1, $2, 'refund', $3, $4)`,
      [refund.userId, row.outstanding, refund.referenceId, refund.description],
    );
    return row.outstanding;
  });
}

/**
 * The `account` function's contract: the Account page's endpoints.
 *   GET   /account          ledgerQuery → accountOverview (profile, credit balance, one page of the
 *                           credit history, newest first, paged by cursor, with a batch's per-row
 *                           debits and refunds as one line; and the latest payments, money not credits)
 *   GET   /account/ledger   batchLedgerQuery → batchLedger (one batch's per-row entries, paged alike)
 *   PATCH /account          profilePatch → profileResponse (display name and avatar)
 */
import * as z from "zod/mini";
import { controlCharacterMessage, isPlainLine, line, uuid } from "./text.ts";

export const defaultLedgerPageSize = 20;
export const maxLedgerPageSize = 100;
const pageSizeMessage = `must be a whole number from 1 to ${maxLedgerPageSize}`;

// Other query parameters (a cache buster, say) are ignored, as a URL's usually are.
export const ledgerQuery = z.object({
  limit: z.optional(
    line().check(
      z.refine(
        (value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= maxLedgerPageSize,
        {
          message: pageSizeMessage,
        },
      ),
    ),
  ),
  cursor: z.optional(line().check(z.minLength(1), z.maxLength(200))),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;

export const batchLedgerQuery = z.extend(ledgerQuery, { batch: uuid("batch must be a batch id (a UUID).") });
export type BatchLedgerQuery = z.infer<typeof batchLedgerQuery>;

// C1 controls and bidi overrides would let a name garble the pages and logs that show it; other
// format characters stay, as emoji sequences need the zero-width joiner.
const noControlCharacters = /^[^\p{Cc}\u202a-\u202e\u2066-\u2069]*$/u;

export const profilePatch = z.strictObject({
  displayName: z.optional(
    line().check(
      z.trim(),
      z.minLength(1, "cannot be empty"),
      z.maxLength(80, "must be at most 80 characters"),
      z.regex(noControlCharacters, controlCharacterMessage),
    ),
  ),
  avatarUrl: z.optional(
    z.nullable(
      z.url({ protocol: /^https$/, error: "must be an https URL" }).check(
        z.maxLength(2048, "must be at most 2048 characters"),
        z.refine(isPlainLine, { message: controlCharacterMessage }),
      ),
    ),
  ),
}).check(z.refine((patch) => patch.displayName !== undefined || patch.avatarUrl !== undefined, {
  message: "Send at least one of displayName or avatarUrl.",
}));
export type ProfilePatch = z.infer<typeof profilePatch>;

export const profile = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.nullish(z.string()),
  avatarUrl: z.nullish(z.string()),
  role: z.string(),
  createdAt: z.string(),
});
export type Profile = z.infer<typeof profile>;

/** What a `purchase` entry bought: the pack and the money paid for it. */
export const ledgerPurchase = z.object({
  purchaseId: z.string(),
  packId: z.string(),
  credits: z.number(),
  /** Cents of `currency`. */
  amountCents: z.number(),
  currency: z.string(),
});
export type LedgerPurchase = z.infer<typeof ledgerPurchase>;

/**
 * A batch's line: `amount` is what its rows took net of their refunds, the line's time and id are
 * its first entry's (so it keeps its place while the batch runs), and GET /account/ledger?batch=
 * lists the entries it sums.
 */
export const ledgerBatch = z.object({
  id: z.string(),
  /** Null once the batch is deleted; its ledger entries stay. */
  name: z.nullable(z.string()),
  /** Rows debited. */
  rowCount: z.number(),
  /** Credits the rows took, before refunds (a positive number). */
  debited: z.number(),
  /** Credits given back for rows that failed or were cancelled. */
  refunded: z.number(),
});
export type LedgerBatch = z.infer<typeof ledgerBatch>;

export const ledgerEntry = z.object({
  id: z.string(),
  amount: z.number(),
  reason: z.string(),
  description: z.nullish(z.string()),
  createdAt: z.string(),
  /** What the entry is for: an image id, a batch row id, a payment intent id. */
  referenceId: z.optional(z.nullable(z.string())),
  purchase: z.optional(ledgerPurchase),
  batch: z.optional(ledgerBatch),
  /** In a batch's own listing: the CSV row the entry is for. */
  rowNumber: z.optional(z.number()),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

export const paymentKinds = ["video", "credits"] as const;
export type PaymentKind = (typeof paymentKinds)[number];

/** Money paid (or asked for) through Stripe: a video's unlock or a credit pack. */
export const payment = z.object({
  kind: z.enum(paymentKinds),
  /** The video's or the credit purchase's id. */
  id: z.string(),
  /** Cents of `currency`. */
  amount: z.number(),
  currency: z.string(),
  /** Videos: pending, paid, failed, refunded. Credit packs: pending, paid, failed, canceled. */
  status: z.string(),
  createdAt: z.string(),
  paidAt: z.nullable(z.string()),
  paymentIntentId: z.nullable(z.string()),
  packId: z.optional(z.string()),
  credits: z.optional(z.number()),
});
export type Payment = z.infer<typeof payment>;

/** How many of the latest payments the overview lists. */
export const maxPaymentsListed = 50;

export const accountOverview = z.object({
  profile,
  credits: z.object({ balance: z.number() }),
  ledger: z.object({ entries: z.array(ledgerEntry), nextCursor: z.nullable(z.string()) }),
  /** The latest payments, newest first (at most maxPaymentsListed). */
  payments: z.optional(z.array(payment)),
});
export type AccountOverview = z.infer<typeof accountOverview>;

export const batchLedger = z.object({
  batch: z.object({ id: z.string(), name: z.nullable(z.string()) }),
  entries: z.array(ledgerEntry),
  nextCursor: z.nullable(z.string()),
});
export type BatchLedger = z.infer<typeof batchLedger>;

export const profileResponse = z.object({ profile });

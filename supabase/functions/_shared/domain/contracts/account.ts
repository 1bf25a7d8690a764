/**
 * The `account` function's contract: the Account page's one endpoint.
 *   GET   /account   ledgerQuery → accountOverview (profile, credit balance, one page of the credit
 *                    history, newest first, paged by cursor)
 *   PATCH /account   profilePatch → profileResponse (display name and avatar)
 */
import * as z from "zod/mini";
import { controlCharacterMessage, isPlainLine, line } from "./text.ts";

export const defaultLedgerPageSize = 20;
export const maxLedgerPageSize = 100;
const pageSizeMessage = `must be a whole number from 1 to ${maxLedgerPageSize}`;

// Other query parameters (a cache buster, say) are ignored, as a URL's usually are.
export const ledgerQuery = z.object({
  limit: z.optional(
    line().check(
      z.refine((value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= maxLedgerPageSize, {
        message: pageSizeMessage,
      }),
    ),
  ),
  cursor: z.optional(line().check(z.minLength(1), z.maxLength(200))),
});
export type LedgerQuery = z.infer<typeof ledgerQuery>;

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

export const ledgerEntry = z.object({
  id: z.string(),
  amount: z.number(),
  reason: z.string(),
  description: z.nullish(z.string()),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

export const accountOverview = z.object({
  profile,
  credits: z.object({ balance: z.number() }),
  ledger: z.object({ entries: z.array(ledgerEntry), nextCursor: z.nullable(z.string()) }),
});
export type AccountOverview = z.infer<typeof accountOverview>;

export const profileResponse = z.object({ profile });

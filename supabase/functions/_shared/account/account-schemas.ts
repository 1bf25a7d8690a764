import { z } from "zod";

export const defaultLedgerPageSize = 20;
export const maxLedgerPageSize = 100;
const pageSizeMessage = `must be a whole number from 1 to ${maxLedgerPageSize}`;

// Other query parameters (a cache buster, say) are ignored, as a URL's usually are.
export const ledgerQuerySchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, pageSizeMessage)
    .transform(Number)
    .pipe(z.number().int().min(1, pageSizeMessage).max(maxLedgerPageSize, pageSizeMessage))
    .optional(),
  cursor: z.string().min(1).max(200).optional(),
});

// Control and bidi-override characters would let a name garble the pages and logs that show it;
// other format characters stay, as emoji sequences need the zero-width joiner.
const noControlCharacters = /^[^\p{Cc}\u202a-\u202e\u2066-\u2069]*$/u;

export const profilePatchSchema = z
  .strictObject({
    displayName: z
      .string()
      .trim()
      .min(1, "cannot be empty")
      .max(80, "must be at most 80 characters")
      .regex(noControlCharacters, "cannot contain control characters")
      .optional(),
    avatarUrl: z
      .url({ protocol: /^https$/, error: "must be an https URL" })
      .max(2048, "must be at most 2048 characters")
      .nullable()
      .optional(),
  })
  .refine((patch) => patch.displayName !== undefined || patch.avatarUrl !== undefined, {
    error: "Send at least one of displayName or avatarUrl.",
  });

export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/**
 * The `personalization-tokens` function's contract: the signed-in user's saved token sets (RLS
 * scopes every route to them).
 *   GET    /personalization-tokens       → tokenSetList (by name)
 *   POST   /personalization-tokens       createBody → tokenSetResponse (201; 409 when the name is taken)
 *   PATCH  /personalization-tokens/:id   tokenSetParams, updateBody → tokenSetResponse
 *   DELETE /personalization-tokens/:id   tokenSetParams → 204
 */
import * as z from "zod/mini";
import { line, text, uuid } from "./text.ts";

export const maxTokensPerSet = 100;

const tokenNameMessage = "token names are letters, digits and _, starting with a letter";

// Values may hold line breaks: the server collapses them to spaces (sanitizeTokenValue), as the
// generator would; the other control characters are refused.
const tokens = () =>
  z.record(line().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/)), text().check(z.maxLength(2000)), {
    // A bad key is otherwise only "Invalid key in record".
    error: (issue) => issue.code === "invalid_key" ? tokenNameMessage : undefined,
  }).check(z.refine((values) => Object.keys(values).length <= maxTokensPerSet, {
    message: `a token set holds at most ${maxTokensPerSet} tokens`,
  }));

const name = () => line().check(z.trim(), z.minLength(1), z.maxLength(100));

export const tokenSetParams = z.object({ id: uuid("A token set id is a UUID.") });

export const createBody = z.strictObject({ name: name(), tokens: tokens() });

export const updateBody = z.strictObject({ name: z.optional(name()), tokens: z.optional(tokens()) })
  .check(z.refine((update) => update.name !== undefined || update.tokens !== undefined, {
    message: "send a name or tokens to change",
  }));

export const tokenSet = z.object({
  id: z.string(),
  name: z.string(),
  /** Values by upper-cased token name, sanitized by the server as the generator will use them. */
  tokens: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TokenSet = z.infer<typeof tokenSet>;

export const tokenSetResponse = z.object({ tokenSet });
export const tokenSetList = z.object({ tokenSets: z.array(tokenSet) });

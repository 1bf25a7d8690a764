/**
 * The `prompt-polish` function's contract.
 *   POST /prompt-polish   polishRequest → polishResponse
 * A rewrite that loses, invents or reorders a token is not offered: `accepted` is false, `reason`
 * says why, and the credits are refunded.
 */
import * as z from "zod/mini";
import { featureSlug, textModelName, textUsage, toolPrompt } from "./prompt-tools.ts";

export const polishRequest = z.strictObject({
  feature: featureSlug(),
  prompt: toolPrompt("Write a prompt to polish first."),
  model: z.optional(textModelName()),
});
export type PolishRequest = z.infer<typeof polishRequest>;

export const polishResponse = z.extend(textUsage, {
  original: z.string(),
  /** The rewrite as the model wrote it (shown with the reason when it was not accepted). */
  polished: z.string(),
  accepted: z.boolean(),
  /** Why the rewrite was refused; absent when accepted. */
  reason: z.optional(z.string()),
  /** The tokens of the original, in order: what the rewrite had to keep. */
  tokens: z.array(z.string()),
});
export type PolishResponse = z.infer<typeof polishResponse>;

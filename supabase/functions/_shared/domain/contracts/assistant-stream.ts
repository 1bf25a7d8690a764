/**
 * The `assistant-stream` function's contract.
 *   POST /assistant-stream  (Accept: text/event-stream)  assistantRequest → server-sent events:
 *     `delta` (assistantDelta) as the answer arrives, then one `done` (assistantDone) or `error`
 *     (the one error shape plus `status`). A refusal before the stream opens (bad input, 401, 402,
 *     429) is a plain HTTP error. Closing the connection stops the provider at once; only what was
 *     generated until then is charged.
 */
import * as z from "zod/mini";
import { maxPromptLength } from "./image-generation.ts";
import { featureSlug, textModelName, textUsage } from "./prompt-tools.ts";
import { text } from "./text.ts";

export const maxMessages = 20;
export const maxMessageLength = 2000;

export const chatMessage = z.strictObject({
  role: z.enum(["user", "assistant"]),
  content: text().check(
    z.trim(),
    z.minLength(1, "A message cannot be empty."),
    z.maxLength(maxMessageLength),
  ),
});
export type ChatMessage = z.infer<typeof chatMessage>;

export const assistantRequest = z.strictObject({
  feature: featureSlug(),
  /** The prompt box as it is now (may be empty: the assistant helps write one). */
  prompt: text().check(z.maxLength(maxPromptLength)),
  messages: z.array(chatMessage).check(
    z.minLength(1, "Ask the assistant something first."),
    z.maxLength(maxMessages),
    z.refine((messages) => messages.at(-1)?.role === "user", {
      message: "the last message must be the person's",
    }),
  ),
  model: z.optional(textModelName()),
});
export type AssistantRequest = z.infer<typeof assistantRequest>;

export const assistantDelta = z.object({ text: z.string() });
export type AssistantDelta = z.infer<typeof assistantDelta>;

export const assistantDone = z.extend(textUsage, {
  text: z.string(),
  /** What "Apply to prompt" puts in the prompt box. */
  suggestedPrompt: z.string(),
  outputTokens: z.number(),
});
export type AssistantDone = z.infer<typeof assistantDone>;

/**
 * What the organiser may read of a prompt: the template with every personal token taken out,
 * fallback included (a fallback is often a name too), so no name or company can end up in an
 * album title or be sent to a vision provider.
 */
import { promptSegments } from "../domain/personalization-tokens.ts";

export function withoutTokens(template: string): string {
  return promptSegments(template, new Map())
    .map((segment) => segment.kind === "text" ? segment.text : " ")
    .join("")
    // A possessive left behind by a removed token ("[FIRSTNAME]'s dog") means nothing alone.
    .replace(/(^|\s)['’]s\b/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

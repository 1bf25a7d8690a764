/**
 * Column → token mapping for a batch, matching the batch function's rules: a column feeds the
 * token named after it ("First name" → FIRST_NAME) unless mapped to another one or left out ("").
 * The SPA sends its mapping explicitly, so it may match a column to the prompt's own token names.
 */
import { findTokens, isValidTokenName, normalizeTokenName } from "@domain/personalization-tokens";

/** The token a column feeds when nobody maps it: its header made token-like. */
export function suggestedToken(header: string): string {
  return header
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^[^A-Za-z]+|_+$/g, "")
    .toUpperCase()
    .slice(0, 64);
}

/** "first_name", "First-Name", "FIRST NAME" and "FIRSTNAME" all squash to "FIRSTNAME". */
function squashed(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, "").toUpperCase();
}

/**
 * The token each column feeds before anyone edits it: a token the prompt uses whose name matches
 * the header once case, `_`, `-` and spaces are ignored (so `first_name` feeds [FIRSTNAME]),
 * otherwise the header made token-like, as the server would name it.
 */
export function defaultMapping(headers: string[], usedTokens: string[] = []): Record<string, string> {
  const bySquashedName = new Map(usedTokens.map((token) => [squashed(token), normalizeTokenName(token)]));
  return Object.fromEntries(
    headers.map((header) => [header, bySquashedName.get(squashed(header)) ?? suggestedToken(header)]),
  );
}

export interface GlobalToken {
  name: string;
  value: string;
}

/** The prompt's tokens nothing feeds: no mapped column, no global value and no fallback. */
export function unfedTokens(
  prompt: string,
  mapping: Record<string, string>,
  globals: GlobalToken[],
): string[] {
  const fed = new Set([
    ...Object.values(mapping).map(normalizeTokenName),
    ...globals.filter((token) => token.value.trim() !== "").map((token) => normalizeTokenName(token.name)),
  ]);
  // The server reads a token's fallback from its first use, and so does findTokens.
  return findTokens(prompt)
    .filter((token) => token.fallback === undefined && !fed.has(token.name))
    .map((token) => token.name);
}

/** Global tokens as the server takes them, leaving out rows still being typed. */
export function globalTokenValues(globals: GlobalToken[]): Record<string, string> {
  return Object.fromEntries(
    globals.filter((token) => isValidTokenName(token.name) && token.value !== "").map((
      token,
    ) => [token.name, token.value]),
  );
}

/** Problems to fix before asking the server, so a typo doesn't cost a round trip. */
export function mappingProblems(mapping: Record<string, string>, globals: GlobalToken[]): string[] {
  const problems: string[] = [];
  for (const [column, token] of Object.entries(mapping)) {
    if (token !== "" && !isValidTokenName(token)) {
      problems.push(`"${token}" (column ${column}) is not a token name: use letters, digits and _.`);
    }
  }
  for (const token of globals) {
    if (token.name !== "" && !isValidTokenName(token.name)) {
      problems.push(`"${token.name}" is not a token name: use letters, digits and _.`);
    }
  }
  return problems;
}

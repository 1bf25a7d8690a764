/**
 * Column → token mapping for a batch, matching the batch function's rules: a column feeds the
 * token named after it ("First name" → FIRST_NAME) unless mapped to another one or left out ("").
 */

const tokenNamePattern = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
/** `[NAME]` or `[NAME|fallback]`, as the server's token parser reads them. */
const promptTokenPattern = /\[([A-Za-z][A-Za-z0-9_]*)(\|[^\]]*)?\]/g;

export function isTokenName(name: string): boolean {
  return tokenNamePattern.test(name);
}

/** The token a column feeds when nobody maps it: its header made token-like. */
export function suggestedToken(header: string): string {
  return header
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^[^A-Za-z]+|_+$/g, "")
    .toUpperCase()
    .slice(0, 64);
}

export function defaultMapping(headers: string[]): Record<string, string> {
  return Object.fromEntries(headers.map((header) => [header, suggestedToken(header)]));
}

export interface PromptToken {
  name: string;
  hasFallback: boolean;
}

export function promptTokens(prompt: string): PromptToken[] {
  const byName = new Map<string, PromptToken>();
  for (const match of prompt.matchAll(promptTokenPattern)) {
    const name = (match[1] ?? "").toUpperCase();
    const hasFallback = match[2] !== undefined;
    byName.set(name, { name, hasFallback: hasFallback || (byName.get(name)?.hasFallback ?? false) });
  }
  return [...byName.values()];
}

export interface GlobalToken {
  name: string;
  value: string;
}

/** The prompt's tokens nothing feeds: no mapped column, no global value and no fallback. */
export function unfedTokens(prompt: string, mapping: Record<string, string>, globals: GlobalToken[]): string[] {
  const fed = new Set([
    ...Object.values(mapping).map((token) => token.toUpperCase()),
    ...globals.filter((token) => token.value.trim() !== "").map((token) => token.name.toUpperCase()),
  ]);
  return promptTokens(prompt)
    .filter((token) => !token.hasFallback && !fed.has(token.name))
    .map((token) => token.name);
}

/** Global tokens as the server takes them, leaving out rows still being typed. */
export function globalTokenValues(globals: GlobalToken[]): Record<string, string> {
  return Object.fromEntries(
    globals.filter((token) => isTokenName(token.name) && token.value !== "").map((token) => [token.name, token.value]),
  );
}

/** Problems to fix before asking the server, so a typo doesn't cost a round trip. */
export function mappingProblems(mapping: Record<string, string>, globals: GlobalToken[]): string[] {
  const problems: string[] = [];
  for (const [column, token] of Object.entries(mapping)) {
    if (token !== "" && !isTokenName(token)) {
      problems.push(`"${token}" (column ${column}) is not a token name: use letters, digits and _.`);
    }
  }
  for (const token of globals) {
    if (token.name !== "" && !isTokenName(token.name)) {
      problems.push(`"${token.name}" is not a token name: use letters, digits and _.`);
    }
  }
  return problems;
}

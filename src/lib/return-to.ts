/** The query parameter that carries where to go back to after signing in. */
export const returnToParam = "next";

/**
 * A path inside this app to return to, or the fallback. Only same-origin paths are accepted so a
 * crafted link cannot send someone to another site after they sign in.
 */
export function safeReturnPath(value: string | null | undefined, fallback = "/account"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** The sign-in URL that comes back to `path` (path, search and hash of the current location). */
export function signInPathReturningTo(path: string): string {
  return `/sign-in?${new URLSearchParams({ [returnToParam]: path })}`;
}

/** Where supabase-js keeps the session in localStorage (set explicitly so it can be looked up here). */
export const authStorageKey = "personify-auth";

/**
 * Whether this browser may hold a session, checked without loading supabase-js: a stored session,
 * or an email link that just landed with tokens (password recovery, email confirmation).
 */
export function mayHaveSession(): boolean {
  try {
    if (localStorage.getItem(authStorageKey)) return true;
  } catch {
    // Storage unavailable: only the URL can carry a session.
  }
  const { hash, search } = window.location;
  return /(^|[#&])(access_token|error_description)=/.test(hash) || /[?&]code=/.test(search);
}

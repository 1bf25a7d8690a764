/**
 * Whether the SPA talks to the local platform (`npm run dev`), which sends no mail: it prints
 * reset links to its log instead. Only a loopback Supabase URL is local; a hosted project never is.
 */
export function isLocalPlatform(supabaseUrl: string): boolean {
  const { hostname } = new URL(supabaseUrl);
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

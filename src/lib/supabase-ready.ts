import type { SupabaseClient } from "@supabase/supabase-js";

type ReadyListener = (client: SupabaseClient) => void;

let loadedClient: SupabaseClient | null = null;
const listeners = new Set<ReadyListener>();

/**
 * supabase-js is loaded on demand (see auth-session.tsx), so code that wants the client once it
 * exists, without loading it, waits here. supabase.ts announces the client when its module runs.
 */
export function announceClient(client: SupabaseClient) {
  loadedClient = client;
  for (const listener of listeners) listener(client);
  listeners.clear();
}

export function whenClientLoaded(listener: ReadyListener): () => void {
  if (loadedClient) {
    listener(loadedClient);
    return () => {};
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

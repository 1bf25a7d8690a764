import { createClient } from "@supabase/supabase-js";
import { authStorageKey } from "@/lib/auth-storage";
import { env } from "@/lib/env";
import { announceClient } from "@/lib/supabase-ready";

/**
 * The one Supabase client: auth directly, data only through Edge Functions (function-client.ts).
 * Import it only from code that runs on demand (feature API files, the auth provider's loader), so
 * a first visit to a public page doesn't download supabase-js.
 */
export const supabase = createClient(env.supabaseUrl, env.supabaseAnonKey, {
  auth: {
    persistSession: true,
    autoRefreshToken: true,
    detectSessionInUrl: true,
    storageKey: authStorageKey,
  },
});

announceClient(supabase);

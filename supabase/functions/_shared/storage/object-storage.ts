import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Runtime } from "../runtime.ts";

export type Bucket = "images" | "videos" | "uploads";

/**
 * Storage as the service: through the Storage API with the service-role key, the same on hosted
 * Supabase and on the local platform. Callers build keys under the owner's folder (DESIGN §5).
 */
export interface ObjectStorage {
  upload(bucket: Bucket, path: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(bucket: Bucket, paths: string[]): Promise<void>;
  signedUrls(bucket: Bucket, paths: string[], expiresInSeconds: number): Promise<string[]>;
}

const clients = new Map<string, SupabaseClient>();

function serviceClient(runtime: Runtime): SupabaseClient {
  const url = runtime.env("SUPABASE_URL");
  const key = runtime.env("SUPABASE_SERVICE_ROLE_KEY");
  if (!url || !key) throw new Error("SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY must be set");
  let client = clients.get(`${url} ${key}`);
  if (!client) {
    client = createClient(url, key, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    });
    clients.set(`${url} ${key}`, client);
  }
  return client;
}

export function objectStorage(runtime: Runtime): ObjectStorage {
  const storage = () => serviceClient(runtime).storage;
  return {
    async upload(bucket, path, bytes, contentType) {
      const { error } = await storage().from(bucket).upload(path, bytes, { contentType, upsert: true });
      if (error) throw new Error(`storing ${bucket}/${path} failed: ${error.message}`);
    },
    async remove(bucket, paths) {
      if (paths.length === 0) return;
      const { error } = await storage().from(bucket).remove(paths);
      if (error) throw new Error(`removing from ${bucket} failed: ${error.message}`);
    },
    async signedUrls(bucket, paths, expiresInSeconds) {
      if (paths.length === 0) return [];
      const { data, error } = await storage().from(bucket).createSignedUrls(paths, expiresInSeconds);
      if (error || !data) throw new Error(`signing ${bucket} URLs failed: ${error?.message}`);
      return paths.map((path) => {
        const signed = data.find((entry) => entry.path === path);
        if (!signed?.signedUrl) throw new Error(`no signed URL for ${bucket}/${path}`);
        return signed.signedUrl;
      });
    },
  };
}

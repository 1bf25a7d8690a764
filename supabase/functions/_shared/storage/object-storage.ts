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
  /** A signed URL whose response asks the browser to save the file as `fileName`. */
  signedDownloadUrl(
    bucket: Bucket,
    path: string,
    expiresInSeconds: number,
    fileName: string,
  ): Promise<string>;
  /** Lets whoever holds the token upload one object at `path` (supabase-js uploadToSignedUrl). */
  signedUploadUrl(bucket: Bucket, path: string): Promise<{ signedUrl: string; token: string }>;
  /** The object's bytes, or undefined when there is no such object. */
  download(bucket: Bucket, path: string): Promise<Uint8Array | undefined>;
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
    async signedDownloadUrl(bucket, path, expiresInSeconds, fileName) {
      const { data, error } = await storage().from(bucket).createSignedUrl(path, expiresInSeconds, {
        download: fileName,
      });
      if (error || !data) throw new Error(`signing ${bucket}/${path} failed: ${error?.message}`);
      return data.signedUrl;
    },
    async signedUploadUrl(bucket, path) {
      const { data, error } = await storage().from(bucket).createSignedUploadUrl(path);
      if (error || !data) throw new Error(`signing an upload to ${bucket}/${path} failed: ${error?.message}`);
      return { signedUrl: data.signedUrl, token: data.token };
    },
    async download(bucket, path) {
      const { data, error } = await storage().from(bucket).download(path);
      if (error) {
        const status = (error as { status?: number; statusCode?: string }).status ??
          Number((error as { statusCode?: string }).statusCode);
        if (status === 404 || status === 400) return undefined;
        throw new Error(`reading ${bucket}/${path} failed: ${error.message}`);
      }
      return new Uint8Array(await data.arrayBuffer());
    },
  };
}

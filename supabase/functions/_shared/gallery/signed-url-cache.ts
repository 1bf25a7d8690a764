import type { Bucket, ObjectStorage } from "../storage/object-storage.ts";

/** Signed URLs live this long; one is handed out again only during the first half of its life. */
export const signedUrlSeconds = 3600;
const reuseForMs = (signedUrlSeconds * 1000) / 2;

/**
 * Signed thumbnail URLs reused across requests: a gallery page then costs no Storage call when
 * its thumbnails were signed recently, and the browser sees the same URL again and can use its
 * HTTP cache instead of downloading each thumbnail anew on every scroll back. Keys are object
 * paths, which start with the owner's id, and only paths of rows the caller owns are asked for.
 */
export function createSignedUrlCache(maxEntries = 20_000) {
  const entries = new Map<string, { url: string; signedAt: number }>();

  return {
    async sign(storage: ObjectStorage, bucket: Bucket, paths: string[]): Promise<Map<string, string>> {
      const now = Date.now();
      const signed = new Map<string, string>();
      const missing: string[] = [];
      for (const path of new Set(paths)) {
        const entry = entries.get(`${bucket}/${path}`);
        if (entry && now - entry.signedAt < reuseForMs) signed.set(path, entry.url);
        else missing.push(path);
      }
      if (missing.length === 0) return signed;
      const urls = await storage.signedUrls(bucket, missing, signedUrlSeconds);
      missing.forEach((path, index) => {
        const key = `${bucket}/${path}`;
        entries.delete(key);
        entries.set(key, { url: urls[index], signedAt: now });
        signed.set(path, urls[index]);
      });
      // Oldest first in insertion order, as every (re)signing re-inserts its key.
      for (const key of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(key);
      }
      return signed;
    },
  };
}

export type SignedUrlCache = ReturnType<typeof createSignedUrlCache>;

/** What a handler signs with: the Storage API and the URLs it signed recently. */
export interface Signing {
  storage: ObjectStorage;
  cache: SignedUrlCache;
}

import type { PlatformDb } from "../functions/_shared/db/db.ts";
import type { PlatformKeys } from "./keys.ts";

/** What every local service gets from the platform. */
export interface ServiceContext {
  db: PlatformDb;
  keys: PlatformKeys;
  /** The platform's public URL, e.g. http://127.0.0.1:54321 */
  url: string;
  /** Where stored objects live on disk; undefined for an in-memory platform (a temp dir is used). */
  dataDir: string;
}

/**
 * A service mounted under a prefix: `path` is what follows it, starting with "/"
 * (for `/auth/v1/token?grant_type=password` the auth service sees "/token").
 */
export type ServiceHandler = (request: Request, path: string) => Promise<Response>;

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

/** A service mounted under its prefix (`/auth/v1`, …): it sees the request with its whole path. */
export type ServiceHandler = (request: Request) => Promise<Response>;

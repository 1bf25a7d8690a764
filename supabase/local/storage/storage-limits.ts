import { parse as parseToml } from "smol-toml";

/** Supabase's default upload limit when config.toml says nothing. */
const defaultFileSizeLimit = 50 * 1024 * 1024;
/** Storage's HTTP layer refuses JSON bodies over 1 MiB (fastify's bodyLimit). */
export const maxJsonBodyBytes = 1024 * 1024;
/** Supabase's default lifetime of a signed upload URL. */
export const signedUploadUrlSeconds = 2 * 60 * 60;
export const maxSignedUrlSeconds = 10 * 365 * 24 * 60 * 60;
/** Storage's cap on keys per delete or batch-sign request. */
export const maxObjectsPerRequest = 1000;

const unitBytes: Record<string, number> = {
  b: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** "50MiB", "20MB", "512KB" or a plain number of bytes, as the Supabase CLI reads config.toml sizes. */
function parseByteSize(value: string | number): number {
  if (typeof value === "number") return value;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const multiplier = match && unitBytes[(match[2] || "b").toLowerCase()];
  if (!match || !multiplier) throw new Error(`"${value}" is not a size such as 50MiB`);
  return Math.floor(Number(match[1]) * multiplier);
}

/** The global upload limit: `[storage] file_size_limit` in config.toml. */
export async function loadGlobalFileSizeLimit(configFile: URL): Promise<number> {
  const config = parseToml(await Deno.readTextFile(configFile)) as {
    storage?: { file_size_limit?: string | number };
  };
  const limit = config.storage?.file_size_limit;
  return limit === undefined ? defaultFileSizeLimit : parseByteSize(limit);
}

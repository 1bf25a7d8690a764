// What the in-process platform tests share: starting and stopping the file's platform, sign-up with
// the unmodified supabase-js client, a request to an edge function through the functions gateway,
// and the checks on a JSON answer and on the one error shape `{ error, code, details }`.
import assert from "node:assert/strict";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { type Platform, type PlatformOptions, startPlatform } from "../../supabase/local/platform.ts";
import { createPostgresDb } from "../../supabase/functions/_shared/db/postgres-db.ts";

type PlatformAddress = Pick<Platform, "url" | "anonKey">;

export interface SignedUpUser {
  id: string;
  token: string;
  client: SupabaseClient;
}

/** A fresh user signed up through the anon key, as the SPA does; the client keeps its session. */
export async function signUpUser(
  platform: PlatformAddress,
  { emailPrefix }: { emailPrefix: string },
): Promise<SignedUpUser> {
  const client = createClient(platform.url, platform.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const { data, error } = await client.auth.signUp({
    email: `${emailPrefix}-${crypto.randomUUID()}@example.test`,
    password: "correct horse battery",
  });
  assert.equal(error, null);
  return { id: data.user!.id, token: data.session!.access_token, client };
}

/**
 * Calls `/functions/v1/<fn><path>` with the caller's bearer token (the anon key when there is no
 * caller) and the anon key as `apikey`, as supabase-js sends them. A string body goes as it is, so
 * tests can send malformed JSON; anything else is sent as JSON.
 */
export function callFunction(
  platform: PlatformAddress,
  caller: { token: string } | undefined,
  fn: string,
  method: string,
  path = "",
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${platform.url}/functions/v1/${fn}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      apikey: platform.anonKey,
      authorization: `Bearer ${caller?.token ?? platform.anonKey}`,
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** The response's JSON body once its status is the expected one (null for a 204, which has none). */
export async function expectJson(response: Response, status: number) {
  const body = status === 204 ? null : await response.json();
  if (status === 204) await response.body?.cancel();
  assert.equal(response.status, status, JSON.stringify(body).slice(0, 2000));
  return body;
}

/** The response is the one error shape with this status and code; returns its body. */
export async function expectError(response: Response, status: number, code: string) {
  const body = await expectJson(response, status);
  assert.equal(body.code, code, JSON.stringify(body).slice(0, 2000));
  assert.equal(typeof body.error, "string");
  assert.ok(body.error.length > 0, "the error says what went wrong");
  assert.equal(typeof body.details, "object");
  return body;
}

/**
 * Files share one PostgreSQL database and run one after another: jobs an earlier file left queued
 * (a render its test never meant to run) would otherwise be worked by this file's platform, calling
 * its fakes and skewing what it counts.
 */
async function cancelLeftoverJobs(databaseUrl: string) {
  const db = createPostgresDb(databaseUrl, { max: 1 });
  try {
    await db.asOwner(async (tx) => {
      const [{ exists }] = await tx.query<{ exists: boolean }>(
        "select to_regclass('private.jobs') is not null as exists",
      );
      if (exists) {
        await tx.query("update private.jobs set status = 'cancelled' where status in ('queued', 'running')");
      }
    });
  } finally {
    await db.close();
  }
}

/**
 * The platform a test file shares, on a free port with its data in a fresh temporary directory, on
 * PGlite unless DATABASE_URL names a PostgreSQL database.
 */
export async function startTestPlatform(
  dataDirPrefix: string,
  options: Omit<PlatformOptions, "port" | "dataDir" | "databaseUrl"> = {},
) {
  const databaseUrl = Deno.env.get("DATABASE_URL") || undefined;
  if (databaseUrl) await cancelLeftoverJobs(databaseUrl);
  const dataDir = await Deno.makeTempDir({ prefix: dataDirPrefix });
  const platform = await startPlatform({
    port: 0,
    dataDir,
    databaseUrl,
    ...options,
  });
  return { platform, dataDir };
}

/**
 * Registers a file's last test: it closes the platform, then the fakes the platform talked to, then
 * removes the file's directories. The platform is shared by the file's tests and outlives each of
 * them, so this test cannot run the resource and op sanitizers.
 */
export function stopPlatformAfterTests(
  platform: Pick<Platform, "close">,
  { servers = [], directories }: { servers?: { shutdown(): Promise<void> }[]; directories: string[] },
) {
  Deno.test({
    name: "stop the platform",
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      await platform.close();
      for (const server of servers) await server.shutdown();
      for (const directory of directories) await Deno.remove(directory, { recursive: true });
    },
  });
}

/** A platform of the test's own for `fn`, closed and its data removed afterwards whatever happens. */
export async function withTestPlatform(
  dataDirPrefix: string,
  options: Omit<PlatformOptions, "port" | "dataDir" | "databaseUrl">,
  fn: (platform: Platform) => Promise<void>,
) {
  const { platform, dataDir } = await startTestPlatform(dataDirPrefix, options);
  try {
    await fn(platform);
  } finally {
    await platform.close();
    await Deno.remove(dataDir, { recursive: true });
  }
}

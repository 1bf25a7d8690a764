import { requireUser } from "../http/auth.ts";
import { readJson } from "../http/body.ts";
import { badRequest, notFound } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import { getRuntime, type Runtime } from "../runtime.ts";
import { defaultLedgerPageSize, ledgerQuerySchema, profilePatchSchema } from "./account-schemas.ts";
import { readBalance, readLedgerPage, readProfile, updateProfile } from "./account-store.ts";
import { decodeLedgerCursor } from "./ledger-cursor.ts";

const profileMissing = () =>
  notFound("This account has no profile yet. Sign out and in again, or contact support.");

function parseLedgerQuery(url: URL) {
  const parsed = ledgerQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    throw badRequest(`${issues[0].path}: ${issues[0].message}`, { issues });
  }
  return {
    limit: parsed.data.limit ?? defaultLedgerPageSize,
    after: parsed.data.cursor === undefined ? undefined : decodeLedgerCursor(parsed.data.cursor),
  };
}

async function getAccount(request: Request, runtime: Runtime, supabaseUrl: string): Promise<Response> {
  const claims = await requireUser(request, supabaseUrl);
  const { limit, after } = parseLedgerQuery(new URL(request.url));
  const account = await runtime.db.withClaims(claims, async (tx) => {
    const profile = await readProfile(tx, claims.sub);
    if (!profile) throw profileMissing();
    return {
      profile,
      credits: { balance: await readBalance(tx, claims.sub) },
      ledger: await readLedgerPage(tx, claims.sub, limit, after),
    };
  });
  return Response.json(account);
}

async function patchAccount(request: Request, runtime: Runtime, supabaseUrl: string): Promise<Response> {
  const claims = await requireUser(request, supabaseUrl);
  const patch = await readJson(request, profilePatchSchema, 16 * 1024);
  const profile = await runtime.db.withClaims(claims, (tx) => updateProfile(tx, claims.sub, patch));
  if (!profile) throw profileMissing();
  return Response.json({ profile });
}

/**
 * The Account page's endpoint. GET: the caller's profile, credit balance and a page of their
 * credit history (keyset pagination, newest first). PATCH: their display name and avatar.
 */
export async function handleAccountRequest(request: Request): Promise<Response> {
  const runtime = getRuntime();
  const supabaseUrl = runtime.env("SUPABASE_URL");
  if (!supabaseUrl) throw new Error("SUPABASE_URL is not set");
  switch (request.method) {
    case "GET":
      return await getAccount(request, runtime, supabaseUrl);
    case "PATCH":
      return await patchAccount(request, runtime, supabaseUrl);
    default:
      throw methodNotAllowed(["GET", "PATCH"]);
  }
}

import { z } from "zod";
import { requireUser } from "../http/auth.ts";
import { readJson } from "../http/body.ts";
import { ApiError, badRequest, notFound } from "../http/errors.ts";
import { methodNotAllowed } from "../http/handler.ts";
import type { Runtime } from "../runtime.ts";
import { normalizeTokenName, sanitizeTokenValue } from "../domain/personalization-tokens.ts";

const tokensSchema = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, "token names are letters, digits and _, starting with a letter"),
  z.string({ error: "token values must be strings" }).max(2000),
).refine((tokens) => Object.keys(tokens).length <= 100, "a token set holds at most 100 tokens");

const createSchema = z.strictObject({ name: z.string().trim().min(1).max(100), tokens: tokensSchema });
const updateSchema = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), tokens: tokensSchema.optional() })
  .refine((update) => update.name !== undefined || update.tokens !== undefined, "send a name or tokens to change");

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TokenSetRow {
  id: string;
  name: string;
  tokens: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

const columns = "id, name, tokens, created_at, updated_at";

function present(row: TokenSetRow) {
  return { id: row.id, name: row.name, tokens: row.tokens, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Upper-cased names and sanitized values, as the generator will use them. */
function cleanTokens(tokens: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tokens).map(([name, value]) => [normalizeTokenName(name), sanitizeTokenValue(value)]));
}

function duplicateName(error: unknown, name: string): never {
  if ((error as { code?: string })?.code === "23505") {
    throw new ApiError(409, "CONFLICT", `You already have a token set named "${name}".`, { name });
  }
  throw error;
}

/** Saved token sets: GET / lists, POST / creates, PATCH /:id and DELETE /:id change one. RLS scopes it all. */
export function createTokenSetsHandler(getRuntime: () => Runtime) {
  return async (request: Request): Promise<Response> => {
    const runtime = getRuntime();
    const url = runtime.env("SUPABASE_URL");
    if (!url) throw new Error("SUPABASE_URL is not set");
    const user = await requireUser(request, url);
    const id = new URL(request.url).pathname.replace(/^\/personalization-tokens\/?/, "").replace(/\/$/, "");
    const db = runtime.db;

    if (id === "") {
      if (request.method === "GET") {
        const rows = await db.withClaims(user, (tx) =>
          tx.query<TokenSetRow>(`select ${columns} from public.personalization_tokens where user_id = $1 order by name`, [user.sub])
        );
        return Response.json({ tokenSets: rows.map(present) });
      }
      if (request.method === "POST") {
        const body = await readJson(request, createSchema);
        const [row] = await db.withClaims(user, (tx) =>
          tx.query<TokenSetRow>(
            `insert into public.personalization_tokens (user_id, name, tokens) values ($1, $2, $3::text::jsonb) returning ${columns}`,
            [user.sub, body.name, JSON.stringify(cleanTokens(body.tokens))],
          )
        ).catch((error) => duplicateName(error, body.name));
        return Response.json({ tokenSet: present(row) }, { status: 201 });
      }
      throw methodNotAllowed(["GET", "POST"]);
    }

    if (!uuidPattern.test(id)) throw badRequest("A token set id is a UUID.");
    if (request.method === "PATCH") {
      const body = await readJson(request, updateSchema);
      const [row] = await db.withClaims(user, (tx) =>
        tx.query<TokenSetRow>(
          `update public.personalization_tokens
              set name = coalesce($2, name), tokens = coalesce($3::text::jsonb, tokens)
            where id = $1 returning ${columns}`,
          [id, body.name ?? null, body.tokens ? JSON.stringify(cleanTokens(body.tokens)) : null],
        )
      ).catch((error) => duplicateName(error, body.name ?? ""));
      if (!row) throw notFound("No such token set.");
      return Response.json({ tokenSet: present(row) });
    }
    if (request.method === "DELETE") {
      const rows = await db.withClaims(user, (tx) =>
        tx.query("delete from public.personalization_tokens where id = $1 returning id", [id])
      );
      if (rows.length === 0) throw notFound("No such token set.");
      return new Response(null, { status: 204 });
    }
    throw methodNotAllowed(["PATCH", "DELETE"]);
  };
}

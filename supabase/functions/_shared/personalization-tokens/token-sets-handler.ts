/** The `personalization-tokens` function: saved token sets (routes in domain/contracts/personalization-tokens.ts). */
import * as contract from "../domain/contracts/personalization-tokens.ts";
import { normalizeTokenName, sanitizeTokenValue } from "../domain/personalization-tokens.ts";
import { ApiError, notFound } from "../http/errors.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import type { Runtime } from "../runtime.ts";

interface TokenSetRow {
  id: string;
  name: string;
  tokens: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

const columns = "id, name, tokens, created_at, updated_at";

function present(row: TokenSetRow): contract.TokenSet {
  return {
    id: row.id,
    name: row.name,
    tokens: row.tokens,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Upper-cased names and sanitized values, as the generator will use them. */
function cleanTokens(tokens: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tokens).map(([name, value]) => [normalizeTokenName(name), sanitizeTokenValue(value)]),
  );
}

function duplicateName(error: unknown, name: string): never {
  if ((error as { code?: string })?.code === "23505") {
    throw new ApiError(409, "CONFLICT", `You already have a token set named "${name}".`, { name });
  }
  throw error;
}

export function createTokenSetsHandler(getRuntime: () => Runtime) {
  return createRouter({ basePath: "/personalization-tokens" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .get("/", {
      handle: async ({ runtime, user }) => {
        const rows = await runtime.db.withClaims(
          user,
          (tx) =>
            tx.query<TokenSetRow>(
              `select ${columns} from public.personalization_tokens where user_id = $1 order by name`,
              [user.sub],
            ),
        );
        return { tokenSets: rows.map(present) };
      },
    })
    .post("/", {
      body: contract.createBody,
      handle: async ({ runtime, user, body }) => {
        const [row] = await runtime.db.withClaims(user, (tx) =>
          tx.query<TokenSetRow>(
            `insert into public.personalization_tokens (user_id, name, tokens) values ($1, $2, $3::text::jsonb) returning ${columns}`,
            [user.sub, body.name, JSON.stringify(cleanTokens(body.tokens))],
          )).catch((error) => duplicateName(error, body.name));
        return Response.json({ tokenSet: present(row) }, { status: 201 });
      },
    })
    .patch("/:id", {
      params: contract.tokenSetParams,
      body: contract.updateBody,
      handle: async ({ runtime, user, params, body }) => {
        const [row] = await runtime.db.withClaims(user, (tx) =>
          tx.query<TokenSetRow>(
            `update public.personalization_tokens
                set name = coalesce($2, name), tokens = coalesce($3::text::jsonb, tokens)
              where id = $1 returning ${columns}`,
            [params.id, body.name ?? null, body.tokens ? JSON.stringify(cleanTokens(body.tokens)) : null],
          )).catch((error) => duplicateName(error, body.name ?? ""));
        if (!row) throw notFound("No such token set.");
        return { tokenSet: present(row) };
      },
    })
    .delete("/:id", {
      params: contract.tokenSetParams,
      handle: async ({ runtime, user, params }) => {
        const rows = await runtime.db.withClaims(
          user,
          (tx) =>
            tx.query("delete from public.personalization_tokens where id = $1 returning id", [params.id]),
        );
        if (rows.length === 0) throw notFound("No such token set.");
        return new Response(null, { status: 204 });
      },
    })
    .fetch;
}

import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { spawnPlatform } from "../support/platform.ts";

const platform = await spawnPlatform();

async function signedIn() {
  const client = createClient(platform.url, platform.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
  const { data, error } = await client.auth.signUp({
    email: `tokens-${crypto.randomUUID()}@example.test`,
    password: "a good password",
  });
  assert.equal(error, null);
  return data.session!.access_token;
}

function call(token: string | undefined, method: string, path = "", body?: unknown) {
  return fetch(`${platform.url}/functions/v1/personalization-tokens${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token ?? platform.anonKey}` },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function expectError(response: Response, status: number, code: string) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.code, code);
}

const list = async (token: string) => (await (await call(token, "GET")).json()).tokenSets;

Deno.test("token sets: create, list, update, delete, each user seeing only their own", async () => {
  const alice = await signedIn();
  const bob = await signedIn();
  const created = await call(alice, "POST", "", {
    name: "Acme launch",
    tokens: { company: "Acme [Corp]", firstName: " Ada " },
  });
  assert.equal(created.status, 201);
  const { tokenSet } = await created.json();
  assert.deepEqual(
    tokenSet.tokens,
    { COMPANY: "Acme Corp", FIRSTNAME: "Ada" },
    "names upper-cased, values sanitized",
  );

  assert.equal((await list(alice)).length, 1);
  assert.deepEqual(await list(bob), []);

  const renamed = await (await call(alice, "PATCH", `/${tokenSet.id}`, { name: "Acme 2027" })).json();
  assert.equal(renamed.tokenSet.name, "Acme 2027");
  assert.deepEqual(renamed.tokenSet.tokens, tokenSet.tokens);

  await expectError(await call(bob, "PATCH", `/${tokenSet.id}`, { name: "mine now" }), 404, "NOT_FOUND");
  await expectError(await call(bob, "DELETE", `/${tokenSet.id}`), 404, "NOT_FOUND");
  assert.equal((await list(alice))[0].name, "Acme 2027");

  const deleted = await call(alice, "DELETE", `/${tokenSet.id}`);
  assert.equal(deleted.status, 204);
  assert.deepEqual(await list(alice), []);
});

Deno.test("token sets: bad input is a 4xx that changes nothing", async (t) => {
  const token = await signedIn();
  await call(token, "POST", "", { name: "Keep", tokens: { A: "1" } }).then((response) =>
    response.body?.cancel()
  );
  const cases: Array<[string, string, string, unknown, number, string]> = [
    ["non-string token value", "POST", "", { name: "x", tokens: { AGE: 3 } }, 400, "VALIDATION_ERROR"],
    ["bad token name", "POST", "", { name: "x", tokens: { "first name": "a" } }, 400, "VALIDATION_ERROR"],
    ["missing name", "POST", "", { tokens: {} }, 400, "VALIDATION_ERROR"],
    ["duplicate name", "POST", "", { name: "Keep", tokens: {} }, 409, "CONFLICT"],
    ["malformed JSON", "POST", "", "{", 400, "INVALID_JSON"],
    ["empty update", "PATCH", `/${crypto.randomUUID()}`, {}, 400, "VALIDATION_ERROR"],
    ["id that is not a UUID", "DELETE", "/not-a-uuid", undefined, 400, "VALIDATION_ERROR"],
    ["unknown id", "DELETE", `/${crypto.randomUUID()}`, undefined, 404, "NOT_FOUND"],
    ["wrong method", "PUT", "", {}, 405, "METHOD_NOT_ALLOWED"],
  ];
  for (const [name, method, path, body, status, code] of cases) {
    await t.step(name, async () => await expectError(await call(token, method, path, body), status, code));
  }
  const sets = await list(token);
  assert.equal(sets.length, 1);
  assert.deepEqual(sets[0].tokens, { A: "1" });
});

Deno.test("token sets need a signed-in user", async () => {
  await expectError(await call(undefined, "GET"), 401, "UNAUTHORIZED");
});

Deno.test({ name: "stop the platform", sanitizeResources: false, fn: () => platform.close() });

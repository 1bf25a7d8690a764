import assert from "node:assert/strict";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { spawnPlatform } from "../support/platform.ts";

const platform = await spawnPlatform();
const clientOptions = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
const accountUrl = `${platform.url}/functions/v1/account`;

interface Account {
  profile: {
    id: string;
    email: string;
    displayName: string | null;
    avatarUrl: string | null;
    role: string;
    createdAt: string;
  };
  credits: { balance: number };
  ledger: {
    entries: { id: string; amount: number; reason: string; description: string | null; createdAt: string }[];
    nextCursor: string | null;
  };
}

async function signUp(data?: Record<string, string>) {
  const supabase = createClient(platform.url, platform.anonKey, clientOptions);
  const email = `account-${crypto.randomUUID()}@example.test`;
  const { data: signedUp, error } = await supabase.auth.signUp({
    email,
    password: "correct horse battery",
    options: { data },
  });
  assert.equal(error, null, error?.message);
  assert.ok(signedUp.session, "sign-up is auto-confirmed and signs the user in");
  return { supabase, email, userId: signedUp.user!.id, accessToken: signedUp.session.access_token };
}

async function getAccount(supabase: SupabaseClient): Promise<Account> {
  const { data, error } = await supabase.functions.invoke<Account>("account", { method: "GET" });
  assert.equal(error, null, String(error));
  return data!;
}

/** Calls the function over plain HTTP, for what supabase-js would not send (bad JSON, bad queries). */
function call(accessToken: string | undefined, init: RequestInit & { query?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set("apikey", platform.anonKey);
  if (accessToken) headers.set("authorization", `Bearer ${accessToken}`);
  return fetch(`${accountUrl}${init.query ?? ""}`, { ...init, headers });
}

async function expectError(response: Response, status: number, code: string) {
  const body = await response.json();
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.code, code, JSON.stringify(body));
  assert.ok(typeof body.error === "string" && body.error.length > 0, "a human-readable message");
  assert.equal(typeof body.details, "object");
  return body;
}

Deno.test("a new user's account: profile, 100 credits and the one sign-up entry", async () => {
  const { supabase, email, userId } = await signUp();
  const account = await getAccount(supabase);
  assert.deepEqual(
    { ...account.profile, createdAt: undefined },
    { id: userId, email, displayName: null, avatarUrl: null, role: "user", createdAt: undefined },
  );
  assert.ok(!Number.isNaN(Date.parse(account.profile.createdAt)));
  assert.deepEqual(account.credits, { balance: 100 });
  assert.equal(account.ledger.entries.length, 1);
  assert.deepEqual(
    { ...account.ledger.entries[0], id: undefined, createdAt: undefined },
    {
      id: undefined,
      amount: 100,
      reason: "signup_bonus",
      description: "Welcome bonus",
      createdAt: undefined,
    },
  );
  assert.equal(account.ledger.nextCursor, null);
});

Deno.test("a display name given at sign-up lands in the profile", async () => {
  const { supabase } = await signUp({ display_name: "Grace Hopper" });
  assert.equal((await getAccount(supabase)).profile.displayName, "Grace Hopper");
});

Deno.test("PATCH updates the display name (trimmed) and the avatar, and GET shows it", async () => {
  const { supabase } = await signUp();
  const { data, error } = await supabase.functions.invoke("account", {
    method: "PATCH",
    body: { displayName: "  Ada Lovelace  ", avatarUrl: "https://images.example.test/ada.png" },
  });
  assert.equal(error, null, String(error));
  assert.equal(data.profile.displayName, "Ada Lovelace");
  assert.equal(data.profile.avatarUrl, "https://images.example.test/ada.png");

  const cleared = await supabase.functions.invoke("account", { method: "PATCH", body: { avatarUrl: null } });
  assert.equal(cleared.error, null, String(cleared.error));
  const account = await getAccount(supabase);
  assert.equal(account.profile.displayName, "Ada Lovelace");
  assert.equal(account.profile.avatarUrl, null);
});

Deno.test("the ledger page honours limit", async () => {
  const { accessToken } = await signUp();
  const response = await call(accessToken, { query: "?limit=1" });
  assert.equal(response.status, 200);
  const account: Account = await response.json();
  assert.equal(account.ledger.entries.length, 1);
  assert.equal(account.ledger.nextCursor, null);
});

Deno.test("bad input gets a 4xx in the error shape and changes nothing", async (t) => {
  const { supabase, accessToken } = await signUp();
  await supabase.functions.invoke("account", { method: "PATCH", body: { displayName: "Before" } });
  const before = await getAccount(supabase);
  const patch = (body: string) =>
    call(accessToken, { method: "PATCH", body, headers: { "content-type": "application/json" } });

  const cases: { name: string; send: () => Promise<Response>; status: number; code: string }[] = [
    ...["0", "101", "abc", "5.5", "-1", ""].map((limit) => ({
      name: `limit=${limit}`,
      send: () => call(accessToken, { query: `?limit=${limit}` }),
      status: 400,
      code: "VALIDATION_ERROR",
    })),
    ...["garbage", btoa("123:not-a-uuid"), "%27%20or%201%3D1"].map((cursor) => ({
      name: `cursor=${cursor}`,
      send: () => call(accessToken, { query: `?cursor=${cursor}` }),
      status: 400,
      code: "VALIDATION_ERROR",
    })),
    {
      name: "an unknown field",
      send: () => patch('{"displayName":"Eve","role":"admin"}'),
      status: 400,
      code: "VALIDATION_ERROR",
    },
    { name: "no fields", send: () => patch("{}"), status: 400, code: "VALIDATION_ERROR" },
    {
      name: "a number as the name",
      send: () => patch('{"displayName":42}'),
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "a blank name",
      send: () => patch('{"displayName":"   "}'),
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "an 81-character name",
      send: () => patch(JSON.stringify({ displayName: "x".repeat(81) })),
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "a control character",
      send: () => patch('{"displayName":"Ev\\u0000e"}'),
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "an http avatar",
      send: () => patch('{"avatarUrl":"http://example.test/a.png"}'),
      status: 400,
      code: "VALIDATION_ERROR",
    },
    {
      name: "a javascript: avatar",
      send: () => patch('{"avatarUrl":"javascript:alert(1)"}'),
      status: 400,
      code: "VALIDATION_ERROR",
    },
    { name: "a JSON array", send: () => patch("[]"), status: 400, code: "VALIDATION_ERROR" },
    { name: "malformed JSON", send: () => patch('{"displayName": "Eve"'), status: 400, code: "INVALID_JSON" },
    {
      name: "DELETE",
      send: () => call(accessToken, { method: "DELETE" }),
      status: 405,
      code: "METHOD_NOT_ALLOWED",
    },
    { name: "no token at all", send: () => call(undefined), status: 401, code: "UNAUTHORIZED" },
    {
      name: "the anon key instead of a user's token",
      send: () => call(platform.anonKey, { method: "PATCH", body: '{"displayName":"Eve"}' }),
      status: 401,
      code: "UNAUTHORIZED",
    },
  ];
  for (const { name, send, status, code } of cases) {
    await t.step(`${name} → ${status} ${code}`, async () => expectError(await send(), status, code));
  }
  assert.deepEqual(await getAccount(supabase), before);
});

Deno.test("without a session, supabase-js gets a 401 in the error shape", async () => {
  const anonymous = createClient(platform.url, platform.anonKey, clientOptions);
  const { data, error } = await anonymous.functions.invoke("account", { method: "GET" });
  assert.equal(data, null);
  assert.ok(error, "an error");
  const response = (error as { context: Response }).context;
  await expectError(response, 401, "UNAUTHORIZED");
});

Deno.test({
  name: "the platform stops cleanly",
  sanitizeResources: false,
  fn: () => platform.close(),
});

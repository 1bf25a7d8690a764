import assert from "node:assert/strict";
import { createClient, type Session } from "@supabase/supabase-js";
import { spawnPlatform } from "../support/platform.ts";

const platform = await spawnPlatform();
const authUrl = `${platform.url}/auth/v1`;
const password = "correct horse battery";

const newClient = () =>
  createClient(platform.url, platform.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });

const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;

async function signUp(email = uniqueEmail("user"), data: Record<string, unknown> = {}): Promise<Session> {
  const { data: result, error } = await newClient().auth.signUp({ email, password, options: { data } });
  assert.deepEqual(error, null);
  assert.ok(result.session, "autoconfirm answers sign-up with a session");
  return result.session;
}

async function signIn(email: string, withPassword = password) {
  return await newClient().auth.signInWithPassword({ email, password: withPassword });
}

async function assertSignsIn(email: string, withPassword = password) {
  const { data, error } = await signIn(email, withPassword);
  assert.deepEqual(error, null);
  assert.deepEqual(data.user?.email, email.toLowerCase());
}

async function assertCannotSignIn(email: string, withPassword: string) {
  const { data, error } = await signIn(email, withPassword);
  assert.deepEqual(data.session, null);
  assert.deepEqual([error?.status, error?.code, error?.message], [
    400,
    "invalid_credentials",
    "Invalid login credentials",
  ]);
}

function rawAuth(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("apikey", platform.anonKey);
  if (init.body !== undefined && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  return fetch(`${authUrl}${path}`, { ...init, headers });
}

/** GoTrue's initial error shape, which it uses for clients that do not ask for API version 2024-01-01. */
async function assertGoTrueError(response: Response, status: number, errorCode: string) {
  const body = await response.json();
  assert.deepEqual(response.status, status, JSON.stringify(body));
  assert.deepEqual(body.code, status);
  assert.deepEqual(body.error_code, errorCode);
  assert.ok(typeof body.msg === "string" && body.msg.length > 0, "a human-readable message");
  return body;
}

Deno.test("signUp returns a session and a confirmed user shaped like Supabase Auth's", async () => {
  const email = uniqueEmail("Sign-Up");
  const session = await signUp(email, { full_name: "Ada Lovelace" });
  const { user } = session;
  assert.deepEqual(session.token_type, "bearer");
  assert.ok(session.expires_in > 3590 && session.expires_in <= 3600, String(session.expires_in));
  assert.ok(Math.abs(session.expires_at! - (Date.now() / 1000 + 3600)) < 10);
  assert.match(session.refresh_token, /^[a-z0-9]{12}$/);
  assert.deepEqual(user.email, email.toLowerCase());
  assert.deepEqual([user.aud, user.role, user.phone, user.is_anonymous], [
    "authenticated",
    "authenticated",
    "",
    false,
  ]);
  assert.ok(user.email_confirmed_at && user.confirmed_at && user.last_sign_in_at);
  assert.deepEqual(user.app_metadata, { provider: "email", providers: ["email"] });
  assert.deepEqual(user.user_metadata, { full_name: "Ada Lovelace" });
  assert.deepEqual(user.identities?.map((identity) => [identity.provider, identity.id, identity.user_id]), [
    ["email", user.id, user.id],
  ]);
  await assertSignsIn(email);
});

Deno.test("signInWithPassword, getUser and getClaims agree on the user, and the claims are Supabase's", async () => {
  const email = uniqueEmail("claims");
  const signedUp = await signUp(email, { plan: "free" });
  const client = newClient();
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  assert.deepEqual(error, null);
  assert.deepEqual(data.user?.id, signedUp.user.id);
  assert.notDeepEqual(
    data.session?.refresh_token,
    signedUp.refresh_token,
    "every sign-in is its own session",
  );

  const { data: fetched, error: getUserError } = await client.auth.getUser();
  assert.deepEqual(getUserError, null);
  assert.deepEqual(fetched.user?.id, signedUp.user.id);

  const { data: verified, error: claimsError } = await client.auth.getClaims();
  assert.deepEqual(claimsError, null);
  const claims = verified!.claims;
  const jwks = await (await fetch(`${authUrl}/.well-known/jwks.json`)).json();
  assert.deepEqual(verified!.header.alg, "ES256");
  assert.deepEqual(verified!.header.kid, jwks.keys[0].kid);
  assert.deepEqual(claims.iss, `${platform.url}/auth/v1`);
  assert.deepEqual([claims.sub, claims.aud, claims.role], [
    signedUp.user.id,
    "authenticated",
    "authenticated",
  ]);
  assert.deepEqual([claims.email, claims.phone, claims.is_anonymous], [email, "", false]);
  assert.deepEqual(claims.app_metadata, { provider: "email", providers: ["email"] });
  assert.deepEqual(claims.user_metadata, { plan: "free" });
  assert.deepEqual(claims.aal, "aal1");
  const [amr] = claims.amr as { method: string; timestamp: number }[];
  assert.deepEqual(amr.method, "password");
  assert.ok(Math.abs(amr.timestamp - Date.now() / 1000) < 60, "the sign-in time");
  assert.match(String(claims.session_id), /^[0-9a-f-]{36}$/);
  assert.notDeepEqual(claims.session_id, JSON.parse(atob(signedUp.access_token.split(".")[1])).session_id);
  assert.deepEqual(claims.exp - claims.iat, 3600);

  const [header, , signature] = data.session!.access_token.split(".");
  const forgedPayload = btoa(JSON.stringify({ ...claims, role: "service_role" }))
    .replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
  const forged = `${header}.${forgedPayload}.${signature}`;
  const { error: forgedError } = await client.auth.getClaims(forged);
  assert.deepEqual(forgedError?.name, "AuthInvalidJwtError");
});

Deno.test("refreshSession rotates the refresh token and a used one is rejected", async () => {
  const session = await signUp();
  const client = newClient();
  const { data, error } = await client.auth.refreshSession({ refresh_token: session.refresh_token });
  assert.deepEqual(error, null);
  const rotated = data.session!;
  assert.notDeepEqual(rotated.refresh_token, session.refresh_token);
  const sessionIdOf = (accessToken: string) => JSON.parse(atob(accessToken.split(".")[1])).session_id;
  assert.deepEqual(
    sessionIdOf(rotated.access_token),
    sessionIdOf(session.access_token),
    "the same session goes on",
  );
  assert.deepEqual(rotated.user.id, session.user.id);
  const { data: fetched } = await newClient().auth.getUser(rotated.access_token);
  assert.deepEqual(fetched.user?.id, session.user.id);

  const { data: reused, error: reuseError } = await newClient().auth.refreshSession({
    refresh_token: session.refresh_token,
  });
  assert.deepEqual(reused.session, null);
  assert.deepEqual([reuseError?.status, reuseError?.code], [400, "refresh_token_already_used"]);

  // Reuse means the token leaked, so the whole session goes, the token issued by the rotation included.
  const { error: afterReuse } = await newClient().auth.refreshSession({
    refresh_token: rotated.refresh_token,
  });
  assert.deepEqual([afterReuse?.status, afterReuse?.code], [400, "refresh_token_already_used"]);

  const { error: unknownError } = await newClient().auth.refreshSession({ refresh_token: "abcdefghijkl" });
  assert.deepEqual([unknownError?.status, unknownError?.code], [400, "refresh_token_not_found"]);
});

Deno.test("updateUser merges metadata and changes the password; the old one then fails", async () => {
  const email = uniqueEmail("update");
  await signUp(email, { full_name: "Grace", theme: "dark" });
  const otherDevice = (await signIn(email)).data.session!;
  const client = newClient();
  await client.auth.signInWithPassword({ email, password });

  const { data, error } = await client.auth.updateUser({ data: { plan: "pro", theme: null } });
  assert.deepEqual(error, null);
  assert.deepEqual(data.user?.user_metadata, { full_name: "Grace", plan: "pro" });
  assert.deepEqual((await client.auth.getUser()).data.user?.user_metadata, {
    full_name: "Grace",
    plan: "pro",
  });

  const { error: samePassword } = await client.auth.updateUser({ password });
  assert.deepEqual([samePassword?.status, samePassword?.code], [422, "same_password"]);
  const { error: weak } = await client.auth.updateUser({ password: "abc" });
  assert.deepEqual([weak?.status, weak?.code, weak?.name], [422, "weak_password", "AuthWeakPasswordError"]);
  await assertSignsIn(email);

  const newPassword = "a brand new passphrase";
  const { error: changeError } = await client.auth.updateUser({ password: newPassword });
  assert.deepEqual(changeError, null);
  await assertCannotSignIn(email, password);
  await assertSignsIn(email, newPassword);
  assert.deepEqual((await client.auth.getUser()).error, null, "the session that changed the password stays");
  const { error: otherRefresh } = await newClient().auth.refreshSession({
    refresh_token: otherDevice.refresh_token,
  });
  assert.deepEqual(otherRefresh?.code, "refresh_token_not_found", "every other session is signed out");
});

Deno.test("updateUser changes the email, refusing one another account has", async () => {
  const taken = uniqueEmail("taken");
  await signUp(taken);
  const email = uniqueEmail("mover");
  await signUp(email);
  const client = newClient();
  await client.auth.signInWithPassword({ email, password });

  const { error: duplicate } = await client.auth.updateUser({ email: taken.toUpperCase() });
  assert.deepEqual([duplicate?.status, duplicate?.code], [422, "email_exists"]);
  await assertSignsIn(email);

  const moved = uniqueEmail("moved");
  const { data, error } = await client.auth.updateUser({ email: moved });
  assert.deepEqual(error, null);
  assert.deepEqual(data.user?.email, moved);
  await assertSignsIn(moved);
  await assertCannotSignIn(email, password);
});

Deno.test("signOut revokes the refresh token and the session behind the access token", async () => {
  const email = uniqueEmail("sign-out");
  await signUp(email);
  const client = newClient();
  const session = (await client.auth.signInWithPassword({ email, password })).data.session!;
  const { error } = await client.auth.signOut();
  assert.deepEqual(error, null);

  const { error: refreshError } = await newClient().auth.refreshSession({
    refresh_token: session.refresh_token,
  });
  assert.deepEqual([refreshError?.status, refreshError?.code], [400, "refresh_token_not_found"]);
  const { error: getUserError } = await newClient().auth.getUser(session.access_token);
  assert.deepEqual(getUserError?.name, "AuthSessionMissingError");
  await assertGoTrueError(
    await rawAuth("/user", { headers: { authorization: `Bearer ${session.access_token}` } }),
    403,
    "session_not_found",
  );
});

Deno.test("signOut scopes: local ends only this session, others every session but this one", async () => {
  const email = uniqueEmail("scopes");
  await signUp(email);
  const [first, second, third] = await Promise.all([1, 2, 3].map(async () => {
    const client = newClient();
    const session = (await client.auth.signInWithPassword({ email, password })).data.session!;
    return { client, session };
  }));
  assert.deepEqual((await first.client.auth.signOut({ scope: "local" })).error, null);
  assert.deepEqual(
    (await newClient().auth.getUser(first.session.access_token)).error?.name,
    "AuthSessionMissingError",
  );
  assert.deepEqual((await newClient().auth.getUser(second.session.access_token)).error, null);

  assert.deepEqual((await second.client.auth.signOut({ scope: "others" })).error, null);
  assert.deepEqual((await newClient().auth.getUser(second.session.access_token)).error, null);
  assert.deepEqual(
    (await newClient().auth.getUser(third.session.access_token)).error?.name,
    "AuthSessionMissingError",
  );

  const bad = await rawAuth("/logout?scope=everyone", {
    method: "POST",
    headers: { authorization: `Bearer ${second.session.access_token}` },
  });
  await assertGoTrueError(bad, 400, "validation_failed");
  assert.deepEqual((await newClient().auth.getUser(second.session.access_token)).error, null);
});

Deno.test("resetPasswordForEmail records a recovery token and logs the link instead of mailing it", async () => {
  const email = uniqueEmail("reset");
  await signUp(email);
  const client = newClient();
  const { data, error } = await client.auth.resetPasswordForEmail(email, {
    redirectTo: "http://127.0.0.1:5173/reset",
  });
  assert.deepEqual([data, error], [{}, null]);

  let line: { email: string; link: string } | undefined;
  for (let attempt = 0; attempt < 50 && !line; attempt++) {
    line = platform.output().split("\n").filter((text) => text.includes(email)).map((text) =>
      JSON.parse(text)
    )
      .find((entry) => entry.message?.startsWith("password recovery requested"));
    if (!line) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(line, "the recovery link is logged");
  const link = new URL(line.link);
  assert.deepEqual(`${link.origin}${link.pathname}`, `${authUrl}/verify`);
  assert.deepEqual(link.searchParams.get("type"), "recovery");
  assert.match(link.searchParams.get("token") ?? "", /^[0-9a-f]{56}$/);
  assert.deepEqual(link.searchParams.get("redirect_to"), "http://127.0.0.1:5173/reset");

  const { data: session } = await signIn(email);
  assert.ok(session.user?.recovery_sent_at, "the user records when recovery was requested");

  const unknown = uniqueEmail("nobody");
  assert.deepEqual(await client.auth.resetPasswordForEmail(unknown), { data: {}, error: null });
  const { error: invalid } = await client.auth.resetPasswordForEmail("not-an-email");
  assert.deepEqual([invalid?.status, invalid?.code], [400, "validation_failed"]);
});

Deno.test("malformed JSON is a 400 bad_json and creates no user", async () => {
  const email = uniqueEmail("bad-json");
  const response = await rawAuth("/signup", {
    method: "POST",
    body: `{"email": "${email}", "password": "${password}"`,
  });
  await assertGoTrueError(response, 400, "bad_json");
  await assertCannotSignIn(email, password);
});

Deno.test("fields of the wrong type are a 400 validation_failed and write nothing", async () => {
  const email = uniqueEmail("types");
  for (
    const body of [
      { email: 42, password },
      { email, password: 123456789 },
      { email, password, data: "not an object" },
      [email, password],
    ]
  ) {
    await assertGoTrueError(
      await rawAuth("/signup", { method: "POST", body: JSON.stringify(body) }),
      400,
      "validation_failed",
    );
  }
  await assertCannotSignIn(email, password);

  await signUp(email);
  await assertGoTrueError(
    await rawAuth("/token?grant_type=password", {
      method: "POST",
      body: JSON.stringify({ email, password: true }),
    }),
    400,
    "validation_failed",
  );
  await assertGoTrueError(
    await rawAuth("/token?grant_type=refresh_token", {
      method: "POST",
      body: JSON.stringify({ refresh_token: 7 }),
    }),
    400,
    "validation_failed",
  );
});

Deno.test("a wrong password is a 400 invalid_credentials, like an unknown email", async () => {
  const email = uniqueEmail("wrong-password");
  await signUp(email);
  const body = await assertGoTrueError(
    await rawAuth("/token?grant_type=password", {
      method: "POST",
      body: JSON.stringify({ email, password: "not the password" }),
    }),
    400,
    "invalid_credentials",
  );
  assert.deepEqual(body.msg, "Invalid login credentials");
  await assertCannotSignIn(uniqueEmail("unknown"), password);
  await assertSignsIn(email);
});

Deno.test("a duplicate email is a 422 user_already_exists and leaves the first account as it was", async () => {
  const email = uniqueEmail("duplicate");
  await signUp(email, { owner: "first" });
  const { data, error } = await newClient().auth.signUp({
    email: email.toUpperCase(),
    password: "the intruder's password",
    options: { data: { owner: "second" } },
  });
  assert.deepEqual([data.user, data.session], [null, null]);
  assert.deepEqual([error?.status, error?.code], [422, "user_already_exists"]);
  await assertCannotSignIn(email, "the intruder's password");
  const { data: original } = await signIn(email);
  assert.deepEqual(original.user?.user_metadata, { owner: "first" });
});

Deno.test("weak passwords and invalid emails are refused in GoTrue's shape and create no user", async () => {
  const email = uniqueEmail("weak");
  const weak = await assertGoTrueError(
    await rawAuth("/signup", { method: "POST", body: JSON.stringify({ email, password: "12345" }) }),
    422,
    "weak_password",
  );
  assert.deepEqual(weak.weak_password, { reasons: ["length"] });
  await assertCannotSignIn(email, "12345");
  for (const invalid of ["not-an-email", "two@@example.com", ""]) {
    await assertGoTrueError(
      await rawAuth("/signup", {
        method: "POST",
        body: JSON.stringify({ email: invalid, password, phone: "" }),
      }),
      invalid === "" ? 422 : 400,
      invalid === "" ? "anonymous_provider_disabled" : "validation_failed",
    );
  }
});

Deno.test("a body over 1 MB is a 413 and creates no user, declared or streamed", async () => {
  const email = uniqueEmail("oversized");
  const body = JSON.stringify({ email, password, data: { padding: "x".repeat(1024 * 1024) } });
  await assertGoTrueError(
    await rawAuth("/signup", { method: "POST", body }),
    413,
    "request_entity_too_large",
  );

  const bytes = new TextEncoder().encode(body);
  const streamed = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
        controller.enqueue(bytes.slice(offset, offset + 64 * 1024));
      }
      controller.close();
    },
  });
  const response = await rawAuth("/signup", { method: "POST", body: streamed });
  await assertGoTrueError(response, 413, "request_entity_too_large");
  await assertCannotSignIn(email, password);
});

Deno.test("clients on API version 2024-01-01 get the error code in `code` and the version header", async () => {
  const response = await rawAuth("/token?grant_type=password", {
    method: "POST",
    headers: { "x-supabase-api-version": "2024-01-01" },
    body: JSON.stringify({ email: uniqueEmail("versioned"), password }),
  });
  assert.deepEqual(response.status, 400);
  assert.deepEqual(response.headers.get("x-supabase-api-version"), "2024-01-01");
  assert.ok(response.headers.get("access-control-expose-headers")?.includes("x-supabase-api-version"));
  assert.deepEqual(await response.json(), {
    code: "invalid_credentials",
    message: "Invalid login credentials",
  });
});

Deno.test("the user endpoints refuse a missing, anonymous or forged token", async () => {
  await assertGoTrueError(await rawAuth("/user"), 401, "no_authorization");
  await assertGoTrueError(
    await rawAuth("/user", { headers: { authorization: `Bearer ${platform.anonKey}` } }),
    403,
    "bad_jwt",
  );
  const session = await signUp();
  const [header, , signature] = session.access_token.split(".");
  const forgedPayload = btoa(
    JSON.stringify({ sub: crypto.randomUUID(), role: "authenticated", exp: 9999999999 }),
  )
    .replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
  await assertGoTrueError(
    await rawAuth("/user", {
      method: "PUT",
      headers: { authorization: `Bearer ${header}.${forgedPayload}.${signature}` },
      body: JSON.stringify({ data: { hacked: true } }),
    }),
    403,
    "bad_jwt",
  );
  const { data } = await newClient().auth.getUser(session.access_token);
  assert.deepEqual(data.user?.user_metadata, {});
});

Deno.test("unknown paths are 404, wrong methods 405, unsupported grants 400", async () => {
  await assertGoTrueError(await rawAuth("/admin/users"), 404, "not_found");
  const wrongMethod = await rawAuth("/signup");
  assert.deepEqual(wrongMethod.headers.get("allow"), "POST");
  await assertGoTrueError(wrongMethod, 405, "method_not_allowed");
  await assertGoTrueError(
    await rawAuth("/token?grant_type=magic", { method: "POST", body: "{}" }),
    400,
    "invalid_credentials",
  );
});

Deno.test("JWKS, settings and health answer as GoTrue's do", async () => {
  const jwks = await (await rawAuth("/.well-known/jwks.json")).json();
  assert.deepEqual(
    jwks.keys.map((key: { alg: string; kty: string; d?: string }) => [key.alg, key.kty, key.d]),
    [
      ["ES256", "EC", undefined],
    ],
  );
  const settings = await (await rawAuth("/settings")).json();
  assert.deepEqual([settings.external.email, settings.external.phone, settings.mailer_autoconfirm], [
    true,
    false,
    true,
  ]);
  assert.deepEqual(settings.disable_signup, false);
  assert.deepEqual((await (await rawAuth("/health")).json()).name, "GoTrue");
});

Deno.test({
  name: "the platform stops cleanly",
  sanitizeResources: false,
  fn: async () => {
    await platform.close();
    assert.ok(platform.output().includes("ready http://127.0.0.1:"));
  },
});

import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { loadKeys } from "../../supabase/local/keys.ts";
import { spawnPlatform } from "../support/platform.ts";

// Tokens here are signed with the platform's own key, so only their claims can make them fail.
const platform = await spawnPlatform({ env: { JOB_WORKER_BUDGET_MS: "200" } });
const keys = await loadKeys(platform.dataDir);
const issuer = `${platform.url}/auth/v1`;

const { data: signedUp, error: signUpError } = await createClient(platform.url, platform.anonKey, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
}).auth.signUp({
  email: `claims-${crypto.randomUUID().slice(0, 8)}@example.com`,
  password: "correct horse battery",
});
assert.deepEqual(signUpError, null);
const user = signedUp.user!;

const userClaims = {
  iss: issuer,
  aud: "authenticated",
  role: "authenticated",
  sub: user.id,
  email: user.email,
};

function call(name: string, token: string, method = "GET") {
  return fetch(`${platform.url}/functions/v1/${name}`, {
    method,
    headers: { authorization: `Bearer ${token}`, apikey: platform.anonKey },
  });
}

async function expectStatus(response: Response, status: number, code?: string) {
  const body = await response.json();
  assert.deepEqual(response.status, status, JSON.stringify(body));
  if (code) assert.deepEqual(body.code, code);
}

Deno.test("a user's token with the project's issuer and the authenticated audience is accepted", async () => {
  await expectStatus(await call("gallery", await keys.sign(userClaims, 60)), 200);
});

Deno.test("a user's token from another issuer or for another audience is a 401", async () => {
  const { aud: _aud, ...withoutAudience } = userClaims;
  const wrong = [
    { ...userClaims, iss: "https://elsewhere.example/auth/v1" },
    { ...userClaims, iss: "supabase" },
    { ...userClaims, aud: "anon" },
    withoutAudience,
  ];
  for (const claims of wrong) {
    await expectStatus(await call("gallery", await keys.sign(claims, 60)), 401, "UNAUTHORIZED");
  }
});

Deno.test("the service_role key still works; one from another issuer is a 401", async () => {
  await expectStatus(await call("job-worker", platform.serviceRoleKey, "POST"), 202);
  const foreign = await keys.sign({ iss: issuer, role: "service_role" }, 60);
  await expectStatus(await call("job-worker", foreign, "POST"), 401, "UNAUTHORIZED");
});

Deno.test("the anon key still verifies, and still is not a signed-in user", async () => {
  await expectStatus(await call("gallery", platform.anonKey), 401, "UNAUTHORIZED");
  await expectStatus(await call("job-worker", platform.anonKey, "POST"), 403, "FORBIDDEN");
});

Deno.test({
  name: "the platform stops cleanly",
  sanitizeResources: false,
  fn: async () => {
    await platform.close();
    assert.ok(platform.output().includes("ready http://127.0.0.1:"));
  },
});

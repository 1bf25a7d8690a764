import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { spawnPlatform } from "../support/platform.ts";

const platform = await spawnPlatform();
const supabase = createClient(platform.url, platform.anonKey, {
  auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
});

async function expectErrorShape(response: Response, status: number, code: string) {
  const body = await response.json();
  assert.deepEqual(response.status, status, JSON.stringify(body));
  assert.deepEqual(body.code, code);
  assert.ok(typeof body.error === "string" && body.error.length > 0, "a human-readable message");
  assert.deepEqual(typeof body.details, "object");
}

Deno.test("health answers through the unmodified supabase-js client", async () => {
  const { data, error } = await supabase.functions.invoke("health", { method: "GET" });
  assert.deepEqual(error, null);
  assert.deepEqual(data.checks.database.status, "up");
  assert.deepEqual(data.checks.storage.status, "up");
  assert.deepEqual(data.checks.aiServices.providers.local, "configured");
  assert.deepEqual(data.status, "healthy");
  assert.ok(!Number.isNaN(Date.parse(data.timestamp)));
});

Deno.test("CORS preflight is answered for functions, auth and storage", async () => {
  for (const path of ["/functions/v1/health", "/auth/v1/token", "/storage/v1/object/images/x.png"]) {
    const response = await fetch(`${platform.url}${path}`, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:5173", "access-control-request-method": "POST" },
    });
    await response.body?.cancel();
    assert.deepEqual(response.status, 204, path);
    assert.deepEqual(response.headers.get("access-control-allow-origin"), "*");
    assert.ok(response.headers.get("access-control-allow-headers")?.includes("apikey"));
  }
});

Deno.test("an unknown function is a 404 in the error shape", async () => {
  await expectErrorShape(await fetch(`${platform.url}/functions/v1/no-such-function`), 404, "NOT_FOUND");
});

Deno.test("a function name that tries to leave the functions folder is refused", async () => {
  for (const name of ["..%2F..%2Flocal%2Fmain", "%2e%2e", "_shared", "health%00"]) {
    await expectErrorShape(await fetch(`${platform.url}/functions/v1/${name}`), 404, "NOT_FOUND");
  }
});

Deno.test("a function with verify_jwt = true refuses a missing or forged token", async () => {
  await expectErrorShape(await fetch(`${platform.url}/functions/v1/account`), 401, "UNAUTHORIZED");
  const [header, payload] = platform.anonKey.split(".");
  const forgedPayload = btoa(JSON.stringify({ role: "service_role", iss: "supabase-demo" }))
    .replace(/=+$/, "").replaceAll("+", "-").replaceAll("/", "_");
  for (const token of ["not-a-jwt", `${header}.${forgedPayload}.${platform.anonKey.split(".")[2]}`]) {
    await expectErrorShape(
      await fetch(`${platform.url}/functions/v1/account`, { headers: { authorization: `Bearer ${token}` } }),
      401,
      "UNAUTHORIZED",
    );
  }
  assert.ok(payload.length > 0);
});

Deno.test("a path the platform does not serve is a 404 in the error shape", async () => {
  await expectErrorShape(await fetch(`${platform.url}/rest/v1/profiles`), 404, "NOT_FOUND");
});

Deno.test("wrong method on health is a 405 in the error shape", async () => {
  await expectErrorShape(
    await fetch(`${platform.url}/functions/v1/health`, { method: "DELETE" }),
    405,
    "METHOD_NOT_ALLOWED",
  );
});

Deno.test({
  name: "the platform stops cleanly",
  sanitizeResources: false,
  fn: async () => {
    await platform.close();
    assert.ok(platform.output().includes("ready http://127.0.0.1:"));
  },
});

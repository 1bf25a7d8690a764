// The hosted path on the local platform: no worker on a timer, so a batch's rows run only because
// starting it kicks the job-worker function (EdgeRuntime.waitUntil), which only the service role
// may call.
import assert from "node:assert/strict";
import { createClient } from "@supabase/supabase-js";
import { startPlatform } from "../../supabase/local/platform.ts";

const dataDir = await Deno.makeTempDir({ prefix: "personify-job-worker-" });
const platform = await startPlatform({
  port: 0,
  dataDir,
  databaseUrl: Deno.env.get("DATABASE_URL") || undefined,
  env: { JOB_WORKER_BUDGET_MS: "20000" },
  jobWorker: false,
});

const client = createClient(platform.url, platform.anonKey, {
  auth: { persistSession: false, autoRefreshToken: false },
});
const { data } = await client.auth.signUp({
  email: `worker-${crypto.randomUUID()}@example.test`,
  password: "correct horse battery",
});
const userToken = data.session!.access_token;

const post = (path: string, token: string, body: unknown = {}) =>
  fetch(`${platform.url}/functions/v1/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

Deno.test("only the service role may run the job worker", async () => {
  for (const token of [userToken, platform.anonKey]) {
    const response = await post("job-worker", token);
    const body = await response.json();
    assert.equal(response.status, 403, JSON.stringify(body));
    assert.equal(body.code, "FORBIDDEN");
  }
  const unauthenticated = await fetch(`${platform.url}/functions/v1/job-worker`, { method: "POST" });
  assert.equal(unauthenticated.status, 401);
  await unauthenticated.body?.cancel();
});

Deno.test("starting a batch kicks the job-worker function, which runs every row", async () => {
  const csv = "firstname\nAda\nGrace\nLinus\n";
  const created = await post("batch", userToken, { csv, prompt: "Portrait of [FIRSTNAME]", model: "local" });
  const { batch } = await created.json();
  assert.equal(created.status, 201);
  const started = await post(`batch/${batch.id}/start`, userToken);
  assert.equal(started.status, 200);
  await started.body?.cancel();
  const deadline = Date.now() + 30_000;
  let status = "";
  while (Date.now() < deadline && status !== "completed") {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const response = await fetch(`${platform.url}/functions/v1/batch/${batch.id}`, {
      headers: { authorization: `Bearer ${userToken}` },
    });
    status = (await response.json()).batch.status;
  }
  assert.equal(status, "completed");
});

Deno.test({
  name: "stop the platform",
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await platform.close();
    await Deno.remove(dataDir, { recursive: true });
  },
});

// The hosted path on the local platform: no worker on a timer, so a batch's rows run only because
// starting it kicks the job-worker function (EdgeRuntime.waitUntil), which only the service role
// may call.
import assert from "node:assert/strict";
import {
  callFunction,
  expectError,
  expectJson,
  signUpUser,
  startTestPlatform,
  stopPlatformAfterTests,
} from "../support/functions.ts";

const { platform, dataDir } = await startTestPlatform("personify-job-worker-", {
  env: { JOB_WORKER_BUDGET_MS: "20000" },
  jobWorker: false,
});

const user = await signUpUser(platform, { emailPrefix: "worker" });

Deno.test("only the service role may run the job worker", async () => {
  for (const caller of [user, { token: platform.anonKey }]) {
    await expectError(await callFunction(platform, caller, "job-worker", "POST", "", {}), 403, "FORBIDDEN");
  }
  const unauthenticated = await fetch(`${platform.url}/functions/v1/job-worker`, { method: "POST" });
  assert.equal(unauthenticated.status, 401);
  await unauthenticated.body?.cancel();
});

Deno.test("starting a batch kicks the job-worker function, which runs every row", async () => {
  const csv = "firstname\nAda\nGrace\nLinus\n";
  const { batch } = await expectJson(
    await callFunction(platform, user, "batch", "POST", "", {
      csv,
      prompt: "Portrait of [FIRSTNAME]",
      model: "local",
    }),
    201,
  );
  const started = await callFunction(platform, user, "batch", "POST", `/${batch.id}/start`, {});
  assert.equal(started.status, 200);
  await started.body?.cancel();
  const deadline = Date.now() + 30_000;
  let status = "";
  while (Date.now() < deadline && status !== "completed") {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const polled = await expectJson(await callFunction(platform, user, "batch", "GET", `/${batch.id}`), 200);
    status = polled.batch.status;
  }
  assert.equal(status, "completed");
});

stopPlatformAfterTests(platform, { directories: [dataDir] });

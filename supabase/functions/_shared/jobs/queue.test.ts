import assert from "node:assert/strict";
import { openTestDb } from "../../../../tests/support/db.ts";
import { backoffSeconds, claimJobs, completeJob, enqueue, failJob, getJob, type Job } from "./queue.ts";
import { PermanentJobError, startWorker } from "./worker.ts";

const db = await openTestDb();
const uniqueQueue = () => `test-${crypto.randomUUID().slice(0, 8)}`;

async function enqueueMany(queue: string, count: number, options: { maxAttempts?: number } = {}) {
  return await db.asService(async (tx) => {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) ids.push(await enqueue(tx, queue, { index }, options));
    return ids;
  });
}

/** Makes backed-off jobs ready now, so a test need not wait out the backoff. */
const makeReady = (queue: string) =>
  db.asService((tx) =>
    tx.query("update private.jobs set run_at = now() where queue = $1 and status = 'queued'", [queue])
  );

async function waitFor(condition: () => Promise<boolean>, what: string) {
  for (let tries = 0; tries < 400; tries++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

Deno.test("concurrent workers never run one job twice at the same time, and run every job once", async () => {
  const queue = uniqueQueue();
  const ids = await enqueueMany(queue, 60);
  const running = new Set<string>();
  const runs = new Map<string, number>();
  let overlaps = 0;
  const handler = async (job: Job) => {
    if (running.has(job.id)) overlaps++;
    running.add(job.id);
    runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
    running.delete(job.id);
    return { done: job.payload.index };
  };
  const workers = Array.from(
    { length: 4 },
    () => startWorker({ db, handlers: { [queue]: handler }, concurrency: 5, pollIntervalMs: 20 }),
  );
  await waitFor(async () => {
    const [row] = await db.asService((tx) =>
      tx.query<{ done: number }>(
        "select count(*)::int as done from private.jobs where queue = $1 and status = 'succeeded'",
        [queue],
      )
    );
    return row.done === ids.length;
  }, "every job to succeed");
  await Promise.all(workers.map((worker) => worker.stop()));
  assert.equal(overlaps, 0);
  assert.equal(runs.size, ids.length);
  assert.ok([...runs.values()].every((count) => count === 1), "each job ran exactly once");
  const job = await getJob(db, ids[7]);
  assert.deepEqual(job?.result, { done: 7 });
});

Deno.test("a job whose lease expired is claimed again, and the late worker cannot complete it", async () => {
  const queue = uniqueQueue();
  const [id] = await enqueueMany(queue, 1);
  const [first] = await claimJobs(db, { queues: [queue], workerId: "worker-a", leaseSeconds: 1, limit: 1 });
  assert.equal(first.id, id);
  assert.deepEqual(
    await claimJobs(db, { queues: [queue], workerId: "worker-b", leaseSeconds: 30, limit: 1 }),
    [],
  );
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const [retried] = await claimJobs(db, {
    queues: [queue],
    workerId: "worker-b",
    leaseSeconds: 30,
    limit: 1,
  });
  assert.equal(retried.id, id);
  assert.equal(retried.attempts, 2);
  assert.equal(await db.asService((tx) => completeJob(tx, first, "worker-a", { by: "a" })), false);
  assert.equal(await db.asService((tx) => completeJob(tx, retried, "worker-b", { by: "b" })), true);
  assert.deepEqual((await getJob(db, id))?.result, { by: "b" });
});

Deno.test("completion is idempotent: a second completion changes nothing", async () => {
  const queue = uniqueQueue();
  const [id] = await enqueueMany(queue, 1);
  const [job] = await claimJobs(db, { queues: [queue], workerId: "worker-a", leaseSeconds: 30, limit: 1 });
  assert.equal(await db.asService((tx) => completeJob(tx, job, "worker-a", { value: 1 })), true);
  assert.equal(await db.asService((tx) => completeJob(tx, job, "worker-a", { value: 2 })), false);
  const stored = await getJob(db, id);
  assert.equal(stored?.status, "succeeded");
  assert.deepEqual(stored?.result, { value: 1 });
});

Deno.test("a job that keeps failing lands in dead-letter with its last error", async () => {
  const queue = uniqueQueue();
  const [id] = await enqueueMany(queue, 1, { maxAttempts: 3 });
  const statuses: unknown[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    await makeReady(queue);
    const [job] = await claimJobs(db, { queues: [queue], workerId: "worker-a", leaseSeconds: 30, limit: 1 });
    assert.equal(job.attempts, attempt);
    statuses.push(await failJob(db, job, "worker-a", `provider said no (attempt ${attempt})`));
  }
  assert.deepEqual(statuses, ["queued", "queued", "dead"]);
  const dead = await getJob(db, id);
  assert.equal(dead?.status, "dead");
  assert.equal(dead?.lastError, "provider said no (attempt 3)");
  await makeReady(queue);
  assert.deepEqual(
    await claimJobs(db, { queues: [queue], workerId: "worker-a", leaseSeconds: 30, limit: 1 }),
    [],
  );
});

Deno.test("a failed attempt waits out its backoff before it is claimed again", async () => {
  const queue = uniqueQueue();
  await enqueueMany(queue, 1);
  const [job] = await claimJobs(db, { queues: [queue], workerId: "worker-a", leaseSeconds: 30, limit: 1 });
  assert.equal(await failJob(db, job, "worker-a", "temporary"), "queued");
  assert.deepEqual(
    await claimJobs(db, { queues: [queue], workerId: "worker-a", leaseSeconds: 30, limit: 1 }),
    [],
  );
});

Deno.test("a permanent error dead-letters at once; a worker keeps serving after it", async () => {
  const queue = uniqueQueue();
  const [bad, good] = await enqueueMany(queue, 2);
  const worker = startWorker({
    db,
    pollIntervalMs: 20,
    handlers: {
      [queue]: (job) => {
        if (job.id === bad) throw new PermanentJobError("the row this job points at is gone");
        return Promise.resolve("ok");
      },
    },
  });
  await waitFor(async () => (await getJob(db, good))?.status === "succeeded", "the good job");
  await waitFor(async () => (await getJob(db, bad))?.status === "dead", "the bad job to be dead-lettered");
  await worker.stop();
  assert.equal((await getJob(db, bad))?.attempts, 1);
});

Deno.test("a lease that expires on the last attempt dead-letters the job", async () => {
  const queue = uniqueQueue();
  const [id] = await enqueueMany(queue, 1, { maxAttempts: 1 });
  await claimJobs(db, { queues: [queue], workerId: "worker-a", leaseSeconds: 1, limit: 1 });
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual(
    await claimJobs(db, { queues: [queue], workerId: "worker-b", leaseSeconds: 30, limit: 1 }),
    [],
  );
  const dead = await getJob(db, id);
  assert.equal(dead?.status, "dead");
  assert.match(dead?.lastError ?? "", /lease expired/);
});

Deno.test("the same idempotency key enqueues one job", async () => {
  const queue = uniqueQueue();
  const key = `render-${crypto.randomUUID()}`;
  const first = await db.asService((tx) => enqueue(tx, queue, { a: 1 }, { idempotencyKey: key }));
  const second = await db.asService((tx) => enqueue(tx, queue, { a: 2 }, { idempotencyKey: key }));
  assert.equal(first, second);
});

Deno.test("backoff grows exponentially with jitter and is capped", () => {
  assert.deepEqual([1, 2, 3, 4].map((attempt) => backoffSeconds(attempt, () => 1)), [2, 4, 8, 16]);
  assert.equal(backoffSeconds(20, () => 1), 300);
  assert.equal(backoffSeconds(3, () => 0), 4);
});

Deno.test({ name: "close the test database", sanitizeResources: false, fn: () => db.close() });

import assert from "node:assert/strict";
import * as z from "zod/mini";
import { ApiError } from "./errors.ts";
import { createRouter } from "./router.ts";

const router = createRouter({ basePath: "/things" })
  .use((context) => ({ ...context, caller: "someone" }))
  .get("/", { handle: ({ caller }) => ({ list: true, caller }) })
  .post("/", { body: z.strictObject({ name: z.string() }), handle: ({ body }) => Response.json(body, { status: 201 }) })
  .get("/:id", {
    params: z.object({ id: z.string().check(z.regex(/^\d+$/, "must be a number")) }),
    query: z.strictObject({ full: z.optional(z.enum(["true"])) }),
    handle: ({ params, query }) => ({ id: params.id, full: query.full === "true" }),
  })
  .delete("/:id", { handle: ({ params }) => ({ deleted: params }) });

const call = (method: string, path: string, body?: unknown) =>
  router.fetch(
    new Request(`http://localhost${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) }),
  );

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (error) => error);
  assert.ok(error instanceof ApiError, `expected an ApiError, got ${error}`);
  return error;
}

Deno.test("routes by method and path under the base path, with middleware context, params and query", async () => {
  assert.deepEqual(await (await call("GET", "/things")).json(), { list: true, caller: "someone" });
  assert.deepEqual(await (await call("GET", "/things/")).json(), { list: true, caller: "someone" });
  assert.deepEqual(await (await call("GET", "/things/42?full=true")).json(), { id: "42", full: true });
  const created = await call("POST", "/things", { name: "a" });
  assert.equal(created.status, 201);
  assert.deepEqual(await created.json(), { name: "a" });
  assert.deepEqual(await (await call("DELETE", "/things/7")).json(), { deleted: { id: "7" } });
});

Deno.test("a known path with another method is a 405 whose Allow header comes from the table", async () => {
  const error = await rejection(call("PUT", "/things/42"));
  assert.equal(error.status, 405);
  assert.equal(error.headers.allow, "GET, DELETE");
  assert.equal((await rejection(call("PATCH", "/things"))).headers.allow, "GET, POST");
});

Deno.test("an unknown path is a 404, also outside the base path", async () => {
  assert.equal((await rejection(call("GET", "/things/42/more"))).status, 404);
  assert.equal((await rejection(call("GET", "/other"))).status, 404);
});

Deno.test("invalid params, query and body are 400s naming the field; malformed JSON is INVALID_JSON", async () => {
  const params = await rejection(call("GET", "/things/abc"));
  assert.equal(params.status, 400);
  assert.equal(params.details.field, "id");
  assert.equal((await rejection(call("GET", "/things/1?full=no"))).details.field, "full");
  assert.equal((await rejection(call("GET", "/things/1?other=1"))).status, 400);
  assert.equal((await rejection(call("GET", "/things/1?full=true&full=true"))).status, 400);
  assert.equal((await rejection(call("POST", "/things", { name: 1 }))).details.field, "name");
  const malformed = await rejection(
    router.fetch(new Request("http://localhost/things", { method: "POST", body: "{" })),
  );
  assert.equal(malformed.code, "INVALID_JSON");
});

Deno.test("the table lists every route", () => {
  assert.deepEqual(router.table, ["GET /things", "POST /things", "GET /things/:id", "DELETE /things/:id"]);
});

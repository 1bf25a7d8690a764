import assert from "node:assert/strict";
import * as z from "zod/mini";
import { ApiError } from "./errors.ts";
import { createRouter } from "./router.ts";

const router = createRouter({ basePath: "/things" })
  .use((context) => ({ ...context, caller: "someone" }))
  .get("/", { handle: ({ caller }) => ({ list: true, caller }) })
  .post("/", {
    body: z.strictObject({ name: z.string() }),
    handle: ({ body }) => Response.json(body, { status: 201 }),
  })
  .get("/:id", {
    params: z.object({ id: z.string().check(z.regex(/^\d+$/, "must be a number")) }),
    query: z.strictObject({ full: z.optional(z.enum(["true"])) }),
    handle: ({ params, query }) => ({ id: params.id, full: query.full === "true" }),
  })
  .delete("/:id", { handle: ({ params }) => ({ deleted: params }) });

const call = (method: string, path: string, body?: unknown) =>
  router.fetch(
    new Request(`http://localhost${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
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

Deno.test("a :name(.*) param takes the rest of the path, slashes and encoded characters as sent", async () => {
  const files = createRouter({ basePath: "/files" })
    .get("/:bucket/:key(.*)", { handle: ({ params }) => params });
  const response = await files.fetch(new Request("http://localhost/files/images/a/b%2Fc.png"));
  assert.deepEqual(await response.json(), { bucket: "images", key: "a/b%2Fc.png" });
});

Deno.test("a service's own path keeps its trailing slash, and its own errors replace 404 and 405", async () => {
  class ServiceError extends Error {}
  const files = createRouter({
    basePath: "/files",
    pathname: (request) => new URL(request.url).pathname,
    notFound: ({ url }) => new ServiceError(`no ${url.pathname}`),
    methodNotAllowed: ({ request }, allowed) =>
      new ServiceError(`${request.method}, not ${allowed.join("/")}`),
  }).get("/:key(.*)", { handle: ({ params }) => params });
  const call = (method: string, path: string) =>
    files.fetch(new Request(`http://localhost${path}`, { method }));
  assert.deepEqual(await (await call("GET", "/files/a/")).json(), { key: "a/" });
  const notFound = await call("GET", "/other").catch((error) => error);
  assert.ok(notFound instanceof ServiceError);
  assert.equal(notFound.message, "no /other");
  assert.equal((await call("PUT", "/files/a").catch((error) => error)).message, "PUT, not GET");
});

Deno.test("a mount takes its prefix and everything under it, any method, after the middleware", async () => {
  const platform = createRouter({ basePath: "/" })
    .use((context) => ({ ...context, seen: true }))
    .mount(
      "/auth/v1",
      ({ request, url, seen }) => Response.json({ method: request.method, path: url.pathname, seen }),
    )
    .get("/", { handle: () => ({ up: true }) });
  const call = (method: string, path: string) =>
    platform.fetch(new Request(`http://localhost${path}`, { method }));
  for (
    const [method, path] of [["GET", "/auth/v1"], ["OPTIONS", "/auth/v1/token"], ["DELETE", "/auth/v1/a/b/"]]
  ) {
    assert.deepEqual(await (await call(method, path)).json(), { method, path, seen: true });
  }
  assert.deepEqual(await (await call("GET", "/")).json(), { up: true });
  assert.equal((await rejection(call("GET", "/auth/v1x"))).status, 404);
  assert.deepEqual(platform.table, ["* /auth/v1/*", "GET /"]);
});

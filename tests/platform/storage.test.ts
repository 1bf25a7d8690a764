import assert from "node:assert/strict";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { spawnPlatform } from "../support/platform.ts";

const platform = await spawnPlatform();
const storageUrl = `${platform.url}/storage/v1`;
const clientOptions = { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false } };
const service = createClient(platform.url, platform.serviceRoleKey, clientOptions);
const anon = createClient(platform.url, platform.anonKey, clientOptions);
const oneMiB = 1024 * 1024;

interface TestUser {
  id: string;
  accessToken: string;
  client: SupabaseClient;
}

/** A real user: signed up through the platform's Auth with the unmodified client. */
async function signUp(): Promise<TestUser> {
  const client = createClient(platform.url, platform.anonKey, clientOptions);
  const { data, error } = await client.auth.signUp({
    email: `storage-${crypto.randomUUID().slice(0, 8)}@example.com`,
    password: "correct horse battery",
  });
  assert.deepEqual(error, null);
  assert.ok(data.session && data.user, "autoconfirm answers sign-up with a session");
  return { id: data.user.id, accessToken: data.session.access_token, client };
}

const owner = await signUp();
const intruder = await signUp();

const png = (label: string) =>
  new Blob([new TextEncoder().encode(`png bytes: ${label}`)], { type: "image/png" });
const newKey = (user: TestUser, name = `${crypto.randomUUID()}.png`) => `${user.id}/${name}`;
const filePath = (bucket: string, key: string) => `${platform.dataDir}/storage/${bucket}/${key}`;

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Whether storage.objects has the row, seen by the service role (which bypasses RLS). */
async function rowExists(bucket: string, key: string): Promise<boolean> {
  const slash = key.lastIndexOf("/");
  const { data, error } = await service.storage.from(bucket).list(key.slice(0, slash), {
    search: key.slice(slash + 1),
  });
  assert.deepEqual(error, null);
  return data!.some((entry) => entry.id !== null && entry.name === key.slice(slash + 1));
}

async function assertStored(bucket: string, key: string, expected: Blob) {
  assert.ok(await rowExists(bucket, key), `row for ${bucket}/${key}`);
  assert.deepEqual(await Deno.readFile(filePath(bucket, key)), new Uint8Array(await expected.arrayBuffer()));
}

async function assertNothingStored(bucket: string, key: string) {
  assert.deepEqual(await rowExists(bucket, key), false, `no row for ${bucket}/${key}`);
  assert.deepEqual(await exists(filePath(bucket, key)), false, `no file for ${bucket}/${key}`);
}

async function assertStagingEmpty() {
  const staging = `${platform.dataDir}/storage-staging`;
  const left = (await exists(staging)) ? await Array.fromAsync(Deno.readDir(staging)) : [];
  assert.deepEqual(left.map((entry) => entry.name), [], "no temp files left behind");
}

/** storage-js's StorageApiError: Storage answers HTTP 400 and puts the meaning in `statusCode`. */
function assertStorageError(error: unknown, statusCode: string, code: string) {
  const storageError = error as { status?: number; statusCode?: string; code?: string; message?: string };
  assert.ok(storageError, `expected a ${statusCode} ${code} error`);
  assert.deepEqual(
    { status: storageError.status, statusCode: storageError.statusCode, code: storageError.code },
    { status: statusCode === "500" ? 500 : 400, statusCode, code },
    storageError.message,
  );
}

function assertRlsRefusal(error: unknown) {
  assertStorageError(error, "403", "AccessDenied");
  assert.deepEqual((error as Error).message, "new row violates row-level security policy");
}

/** A raw response in Storage's error shape. */
async function assertErrorResponse(response: Response, httpStatus: number, statusCode: string, code: string) {
  const body = await response.json();
  assert.deepEqual(
    [response.status, body.statusCode, body.code],
    [httpStatus, statusCode, code],
    JSON.stringify(body),
  );
  assert.ok(typeof body.error === "string" && body.error.length > 0, "an error name");
  assert.ok(typeof body.message === "string" && body.message.length > 0, "a human-readable message");
}

async function upload(user: TestUser, key: string, body: Blob, bucket = "images") {
  const { data, error } = await user.client.storage.from(bucket).upload(key, body);
  assert.deepEqual(error, null);
  return data!;
}

async function fetchBytes(url: string) {
  const response = await fetch(url);
  assert.deepEqual(response.status, 200, await response.clone().text());
  return { type: response.headers.get("content-type"), bytes: new Uint8Array(await response.arrayBuffer()) };
}

const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/**
 * Sends a request line exactly as written. fetch() resolves `..` and `%2e%2e` segments before
 * sending, so only a raw request shows what the platform does with them.
 */
async function rawRequest(method: string, target: string, headers: Record<string, string>, body = "") {
  const { hostname, port } = new URL(platform.url);
  const connection = await Deno.connect({ hostname, port: Number(port) });
  const payload = new TextEncoder().encode(body);
  const head = [
    `${method} ${target} HTTP/1.1`,
    `host: ${hostname}:${port}`,
    "connection: close",
    `content-length: ${payload.length}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "",
    "",
  ].join("\r\n");
  const writer = connection.writable.getWriter();
  await writer.write(new TextEncoder().encode(head));
  await writer.write(payload);
  writer.releaseLock();
  const text = await new Response(connection.readable).text();
  const [statusLine, ...rest] = text.split("\r\n");
  return {
    status: Number(statusLine.split(" ")[1]),
    body: JSON.parse(rest.join("\r\n").split("\r\n\r\n")[1]),
  };
}

/** The same token with its signature altered in its first character (the last one may only carry padding bits). */
function tamperSignature(token: string): string {
  const [header, payload, signature] = token.split(".");
  return `${header}.${payload}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
}

const authorized = (user: TestUser) => ({
  authorization: `Bearer ${user.accessToken}`,
  apikey: platform.anonKey,
});

Deno.test("the owner uploads, signs, downloads and removes an object", async () => {
  const key = newKey(owner);
  const file = png("owner");
  const uploaded = await upload(owner, key, file);
  assert.deepEqual(uploaded.path, key);
  assert.deepEqual(uploaded.fullPath, `images/${key}`);
  assert.match(uploaded.id, /^[0-9a-f-]{36}$/);
  await assertStored("images", key, file);

  const bucket = owner.client.storage.from("images");
  const signed = await bucket.createSignedUrl(key, 60);
  assert.deepEqual(signed.error, null);
  assert.ok(signed.data!.signedUrl.startsWith(`${storageUrl}/object/sign/images/${key}?token=`));
  assert.deepEqual(await fetchBytes(signed.data!.signedUrl), {
    type: "image/png",
    bytes: await bytesOf(file),
  });

  const downloaded = await bucket.download(key);
  assert.deepEqual(downloaded.error, null);
  assert.deepEqual(downloaded.data!.type, "image/png");
  assert.deepEqual(await bytesOf(downloaded.data!), await bytesOf(file));

  const authenticated = await fetch(`${storageUrl}/object/authenticated/images/${key}`, {
    headers: authorized(owner),
  });
  assert.deepEqual(authenticated.status, 200);
  assert.deepEqual(new Uint8Array(await authenticated.arrayBuffer()), await bytesOf(file));

  const removed = await bucket.remove([key]);
  assert.deepEqual(removed.error, null);
  assert.deepEqual(removed.data!.map((object) => object.name), [key]);
  await assertNothingStored("images", key);
  assertStorageError((await bucket.download(key)).error, "404", "NoSuchKey");
  await assertErrorResponse(await fetch(signed.data!.signedUrl), 400, "404", "NoSuchKey");
});

Deno.test("createSignedUrls signs the owner's objects and reports the rest", async () => {
  const [first, second, missing] = [newKey(owner), newKey(owner), newKey(owner)];
  await upload(owner, first, png("first"));
  await upload(owner, second, png("second"));
  const { data, error } = await owner.client.storage.from("images").createSignedUrls(
    [first, second, missing],
    60,
  );
  assert.deepEqual(error, null);
  assert.deepEqual(data!.map((entry) => [entry.path, entry.error]), [
    [first, null],
    [second, null],
    [missing, "Either the object does not exist or you do not have access to it"],
  ]);
  assert.deepEqual(data![2].signedUrl, null);
  assert.deepEqual((await fetchBytes(data![0].signedUrl!)).bytes, await bytesOf(png("first")));
  assert.deepEqual((await fetchBytes(data![1].signedUrl!)).bytes, await bytesOf(png("second")));
});

Deno.test("an existing key is refused without upsert and replaced with upsert or update", async () => {
  const key = newKey(owner);
  const bucket = owner.client.storage.from("images");
  await upload(owner, key, png("v1"));

  const duplicate = await bucket.upload(key, png("refused"));
  assertStorageError(duplicate.error, "409", "KeyAlreadyExists");
  assert.deepEqual(duplicate.error!.message, "The resource already exists");
  await assertStored("images", key, png("v1"));

  const upserted = await bucket.upload(key, png("v2"), { upsert: true });
  assert.deepEqual(upserted.error, null);
  await assertStored("images", key, png("v2"));

  const updated = await bucket.update(key, png("v3"));
  assert.deepEqual(updated.error, null);
  assert.deepEqual(await bytesOf((await bucket.download(key)).data!), await bytesOf(png("v3")));
  await assertStagingEmpty();
});

Deno.test("list shows one level of the owner's folder, with paging and search", async () => {
  const folder = `${owner.id}/album-${crypto.randomUUID().slice(0, 8)}`;
  for (const name of ["b.png", "a.png", "nested/c.png"]) await upload(owner, `${folder}/${name}`, png(name));
  const bucket = owner.client.storage.from("images");

  const listed = await bucket.list(folder);
  assert.deepEqual(listed.error, null);
  assert.deepEqual(listed.data!.map((entry) => [entry.name, entry.id === null]), [
    ["a.png", false],
    ["b.png", false],
    ["nested", true],
  ]);
  assert.deepEqual((listed.data![0].metadata as Record<string, unknown>).mimetype, "image/png");

  const paged = await bucket.list(folder, { limit: 1, offset: 1 });
  assert.deepEqual(paged.data!.map((entry) => entry.name), ["b.png"]);
  const searched = await bucket.list(folder, { search: "a" });
  assert.deepEqual(searched.data!.map((entry) => entry.name), ["a.png"]);
  const descending = await bucket.list(folder, { sortBy: { column: "name", order: "desc" } });
  assert.deepEqual(descending.data!.map((entry) => entry.name), ["nested", "b.png", "a.png"]);
});

Deno.test("uploadToSignedUrl stores the object under the signed key only", async () => {
  const key = newKey(owner);
  const bucket = owner.client.storage.from("images");
  const signedUpload = await bucket.createSignedUploadUrl(key);
  assert.deepEqual(signedUpload.error, null);

  // The token is for this key: neither another key nor a download may use it.
  const otherKey = newKey(owner);
  const misused = await anon.storage.from("images").uploadToSignedUrl(
    otherKey,
    signedUpload.data!.token,
    png("x"),
  );
  assertStorageError(misused.error, "400", "InvalidSignature");
  await assertNothingStored("images", otherKey);
  await assertErrorResponse(
    await fetch(`${storageUrl}/object/sign/images/${key}?token=${signedUpload.data!.token}`),
    400,
    "400",
    "InvalidSignature",
  );

  const file = png("signed upload");
  const uploaded = await anon.storage.from("images").uploadToSignedUrl(key, signedUpload.data!.token, file);
  assert.deepEqual(uploaded.error, null);
  assert.deepEqual(uploaded.data!.fullPath, `images/${key}`);
  await assertStored("images", key, file);
  assert.deepEqual(await bytesOf((await bucket.download(key)).data!), await bytesOf(file));

  const again = await anon.storage.from("images").uploadToSignedUrl(
    key,
    signedUpload.data!.token,
    png("again"),
  );
  assertStorageError(again.error, "409", "KeyAlreadyExists");
  await assertStored("images", key, file);
});

Deno.test("another user gets no access to the owner's objects by any route", async () => {
  const key = newKey(owner);
  const otherKey = newKey(owner);
  const file = png("private");
  await upload(owner, key, file);
  await upload(owner, otherKey, png("other"));
  const theirs = intruder.client.storage.from("images");

  assertStorageError((await theirs.download(key)).error, "404", "NoSuchKey");
  await assertErrorResponse(
    await fetch(`${storageUrl}/object/authenticated/images/${key}`, { headers: authorized(intruder) }),
    400,
    "404",
    "NoSuchKey",
  );
  assertStorageError((await theirs.createSignedUrl(key, 60)).error, "404", "NoSuchKey");
  const batch = await theirs.createSignedUrls([key, otherKey], 60);
  assert.deepEqual(batch.data!.map((entry) => entry.signedUrl), [null, null]);

  // The owner's signed URL opens exactly the object it was made for.
  const ownersUrl = (await owner.client.storage.from("images").createSignedUrl(key, 60)).data!.signedUrl;
  const swapped = ownersUrl.replace(key, otherKey);
  assert.notDeepEqual(swapped, ownersUrl);
  await assertErrorResponse(await fetch(swapped), 400, "400", "InvalidSignature");

  assert.deepEqual((await theirs.list(owner.id)).data, []);
  const removed = await theirs.remove([key, otherKey]);
  assert.deepEqual([removed.error, removed.data], [null, []]);

  const intoOwnersFolder = newKey(owner);
  assertRlsRefusal((await theirs.upload(intoOwnersFolder, png("planted"))).error);
  await assertNothingStored("images", intoOwnersFolder);
  assertRlsRefusal((await theirs.upload(key, png("overwrite"), { upsert: true })).error);
  assertRlsRefusal((await theirs.update(key, png("overwrite"))).error);
  assertRlsRefusal((await theirs.createSignedUploadUrl(intoOwnersFolder)).error);
  assertRlsRefusal((await theirs.createSignedUploadUrl(key, { upsert: true })).error);

  await assertStored("images", key, file);
  await assertStored("images", otherKey, png("other"));
  await assertStagingEmpty();
});

Deno.test("a refused upload is answered without waiting for its body", async () => {
  // A body that does not end until we have the answer: only a server that checks the policies
  // before reading the body can answer at all.
  let sender!: ReadableStreamDefaultController<Uint8Array>;
  const endless = new ReadableStream<Uint8Array>({
    start(controller) {
      sender = controller;
      controller.enqueue(new TextEncoder().encode("first chunk of many"));
    },
  });
  const key = newKey(owner);
  try {
    const response = await fetch(`${storageUrl}/object/images/${key}`, {
      method: "POST",
      headers: { ...authorized(intruder), "content-type": "image/png" },
      body: endless,
      signal: AbortSignal.timeout(10_000),
    });
    await assertErrorResponse(response, 400, "403", "AccessDenied");
  } finally {
    sender.close();
  }
  await assertNothingStored("images", key);
  await assertStagingEmpty();
});

Deno.test("anon gets nothing", async () => {
  const key = newKey(owner);
  await upload(owner, key, png("anon"));
  const bucket = anon.storage.from("images");

  assertStorageError((await bucket.download(key)).error, "404", "NoSuchKey");
  assertStorageError((await bucket.createSignedUrl(key, 60)).error, "404", "NoSuchKey");
  assert.deepEqual((await bucket.createSignedUrls([key], 60)).data![0].signedUrl, null);
  assert.deepEqual((await bucket.list(owner.id)).data, []);
  assert.deepEqual((await bucket.remove([key])).data, []);
  assertRlsRefusal((await bucket.upload(`${owner.id}/anon.png`, png("anon"))).error);
  assertRlsRefusal((await bucket.createSignedUploadUrl(`${owner.id}/anon.png`)).error);
  assert.deepEqual((await anon.storage.listBuckets()).data, []);
  await assertNothingStored("images", `${owner.id}/anon.png`);

  // Without any key a private bucket does not even exist, and nothing can be written.
  await assertErrorResponse(await fetch(`${storageUrl}/object/images/${key}`), 400, "404", "NoSuchBucket");
  await assertErrorResponse(
    await fetch(`${storageUrl}/object/images/${owner.id}/keyless.png`, { method: "POST", body: "x" }),
    400,
    "403",
    "AccessDenied",
  );
  await assertNothingStored("images", `${owner.id}/keyless.png`);
  await assertStored("images", key, png("anon"));
});

Deno.test("the service role lists the private buckets with their limits", async () => {
  const { data, error } = await service.storage.listBuckets();
  assert.deepEqual(error, null);
  assert.deepEqual(
    data!.map((bucket) => [bucket.id, bucket.public, bucket.file_size_limit, bucket.allowed_mime_types]),
    [
      ["images", false, 20 * oneMiB, ["image/png", "image/jpeg", "image/webp"]],
      ["uploads", false, 10 * oneMiB, ["image/png", "image/jpeg", "image/webp", "text/csv"]],
      ["videos", false, 50 * oneMiB, ["video/mp4", "image/webp", "image/jpeg"]],
    ],
  );
});

Deno.test("an expired or tampered signed URL is refused", async () => {
  const key = newKey(owner);
  await upload(owner, key, png("expiring"));
  const { data } = await owner.client.storage.from("images").createSignedUrl(key, 1);
  const tampered = new URL(data!.signedUrl);
  tampered.searchParams.set("token", tamperSignature(tampered.searchParams.get("token")!));
  await assertErrorResponse(await fetch(tampered), 400, "400", "InvalidJWT");
  await new Promise((resolve) => setTimeout(resolve, 2100));
  await assertErrorResponse(await fetch(data!.signedUrl), 400, "400", "InvalidJWT");
});

Deno.test("a key with `..` is refused before anything is written", async () => {
  const escaped = [
    `${platform.dataDir}/storage/escape.png`,
    `${platform.dataDir}/storage/images/escape.png`,
    `${platform.dataDir}/escape.png`,
  ];
  // Resolved by a URL parser, each of these would be the legitimate key `<owner>/escape.png`.
  for (const segment of ["..", "%2e%2e", "%2E.", ".%2e"]) {
    const response = await rawRequest(
      "POST",
      `/storage/v1/object/images/${owner.id}/sub/${segment}/escape.png`,
      { ...authorized(owner), "content-type": "image/png" },
      "planted",
    );
    assert.deepEqual([response.status, response.body.statusCode, response.body.code], [
      400,
      "400",
      "InvalidKey",
    ]);
  }
  // Encoded slashes survive URL parsing and would reach the disk as `../`.
  for (const path of [`${owner.id}/..%2F..%2Fescape.png`, `${owner.id}%2F..%2F..%2F..%2Fescape.png`]) {
    const response = await fetch(`${storageUrl}/object/images/${path}`, {
      method: "POST",
      headers: { ...authorized(owner), "content-type": "image/png" },
      body: "planted",
    });
    await assertErrorResponse(response, 400, "400", "InvalidKey");
  }
  await assertNothingStored("images", `${owner.id}/escape.png`);
  for (const path of escaped) assert.deepEqual(await exists(path), false, path);
  await assertErrorResponse(
    await fetch(`${storageUrl}/object/sign/images/${owner.id}/..%2F..%2Fescape.png`, {
      method: "POST",
      headers: { ...authorized(owner), "content-type": "application/json" },
      body: JSON.stringify({ expiresIn: 60 }),
    }),
    400,
    "400",
    "InvalidKey",
  );
});

Deno.test("backslashes, NUL, absolute and empty segments are refused", async () => {
  const prefix = `bad-${crypto.randomUUID().slice(0, 8)}`;
  const paths = [
    `${owner.id}/${prefix}%5Cb.png`,
    `${owner.id}/${prefix}%00.png`,
    `${owner.id}/${prefix}//b.png`,
    `${owner.id}/${prefix}/`,
    `%2F${owner.id}%2F${prefix}.png`,
  ];
  for (const path of paths) {
    const response = await fetch(`${storageUrl}/object/images/${path}`, {
      method: "POST",
      headers: { ...authorized(owner), "content-type": "image/png" },
      body: "planted",
    });
    await assertErrorResponse(response, 400, "400", "InvalidKey");
  }
  const listing = await service.storage.from("images").list(owner.id, { search: prefix });
  assert.deepEqual(listing.data, []);
  const ownerFolder = await Array.fromAsync(Deno.readDir(filePath("images", owner.id)));
  assert.deepEqual(ownerFolder.filter((entry) => entry.name.startsWith(prefix)), []);
});

Deno.test("a body over the bucket's limit is refused, streamed or declared, raw or multipart", async () => {
  const key = `${owner.id}/${crypto.randomUUID()}.csv`;
  const oversized = new Uint8Array(10 * oneMiB + 1);
  const url = `${storageUrl}/object/uploads/${key}`;
  const headers = { ...authorized(owner), "content-type": "text/csv" };

  await assertErrorResponse(
    await fetch(url, { method: "POST", headers, body: oversized }),
    400,
    "413",
    "EntityTooLarge",
  );
  const chunked = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < oversized.length; offset += 64 * 1024) {
        controller.enqueue(oversized.subarray(offset, offset + 64 * 1024));
      }
      controller.close();
    },
  });
  await assertErrorResponse(
    await fetch(url, { method: "POST", headers, body: chunked }),
    400,
    "413",
    "EntityTooLarge",
  );
  const multipart = await owner.client.storage.from("uploads").upload(
    key,
    new Blob([oversized], { type: "text/csv" }),
  );
  assertStorageError(multipart.error, "413", "EntityTooLarge");
  await assertNothingStored("uploads", key);
  await assertStagingEmpty();

  const atTheLimit = new Blob([oversized.subarray(1)], { type: "text/csv" });
  await upload(owner, key, atTheLimit, "uploads");
  await assertStored("uploads", key, atTheLimit);
});

Deno.test("a JSON body over 1 MiB is refused with 413", async () => {
  const response = await fetch(`${storageUrl}/object/sign/images`, {
    method: "POST",
    headers: { ...authorized(owner), "content-type": "application/json" },
    body: JSON.stringify({ expiresIn: 60, paths: ["x".repeat(oneMiB)] }),
  });
  await assertErrorResponse(response, 413, "413", "EntityTooLarge");
});

Deno.test("a mime type the bucket does not allow is refused", async () => {
  const key = newKey(owner, `${crypto.randomUUID()}.pdf`);
  const bucket = owner.client.storage.from("images");
  const asBlob = await bucket.upload(key, new Blob(["%PDF-1.7"], { type: "application/pdf" }));
  assertStorageError(asBlob.error, "415", "InvalidMimeType");
  const asRawBody = await bucket.upload(key, new TextEncoder().encode("<html>"), {
    contentType: "text/html",
  });
  assertStorageError(asRawBody.error, "415", "InvalidMimeType");
  await assertNothingStored("images", key);
});

Deno.test("malformed or mistyped JSON to sign, delete and list is a 400 that changes nothing", async () => {
  const key = newKey(owner);
  await upload(owner, key, png("kept"));
  const send = (method: string, path: string, body: string) =>
    fetch(`${storageUrl}${path}`, {
      method,
      headers: { ...authorized(owner), "content-type": "application/json" },
      body,
    });
  const cases: [string, string, string][] = [
    ["POST", `/object/sign/images/${key}`, '{"expiresIn":'],
    ["POST", `/object/sign/images/${key}`, '{"expiresIn":"soon"}'],
    ["POST", `/object/sign/images/${key}`, '{"expiresIn":0}'],
    ["POST", "/object/sign/images", `{"expiresIn":60,"paths":"${key}"}`],
    ["DELETE", "/object/images", `{"prefixes":["${key}"]`],
    ["DELETE", "/object/images", `{"prefixes":"${key}"}`],
    ["DELETE", "/object/images", ""],
    ["POST", "/object/list/images", '{"prefix":42}'],
  ];
  for (const [method, path, body] of cases) {
    await assertErrorResponse(await send(method, path, body), 400, "400", "InvalidRequest");
  }
  await assertStored("images", key, png("kept"));
});

Deno.test("an upload whose file cannot be placed leaves no row behind", async () => {
  // `<folder>/clash` is an object, so `<folder>/clash/inner.png` cannot become a file under it.
  const clash = newKey(owner, `clash-${crypto.randomUUID().slice(0, 8)}`);
  await upload(owner, clash, png("clash"));
  const inner = `${clash}/inner.png`;
  assertStorageError(
    (await owner.client.storage.from("images").upload(inner, png("inner"))).error,
    "400",
    "InvalidKey",
  );
  assert.deepEqual(await rowExists("images", inner), false);
  await assertStored("images", clash, png("clash"));
  await assertStagingEmpty();
});

Deno.test("an unknown route and a forged token are answered in Storage's shape", async () => {
  await assertErrorResponse(await fetch(`${storageUrl}/nothing/here`), 404, "404", "NotFound");
  const forged = tamperSignature(owner.accessToken);
  await assertErrorResponse(
    await fetch(`${storageUrl}/object/list/images`, {
      method: "POST",
      headers: { authorization: `Bearer ${forged}`, "content-type": "application/json" },
      body: "{}",
    }),
    400,
    "403",
    "AccessDenied",
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

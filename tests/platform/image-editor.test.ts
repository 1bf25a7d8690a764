// The image-editor function end to end on the local platform: a saved version is a new image
// linked to its parent with its edit list, refusals write nothing, and an instruction edit with the
// offline provider is charged like a generation.
import assert from "node:assert/strict";
import { bytesToDataUrl } from "../../supabase/functions/_shared/providers/base64.ts";
import { testPng } from "../../supabase/functions/_shared/providers/test-support.ts";
import {
  callFunction,
  expectError,
  expectJson,
  type SignedUpUser,
  signUpUser,
  startTestPlatform,
  stopPlatformAfterTests,
} from "../support/functions.ts";

const { platform, dataDir } = await startTestPlatform("personify-editor-");

const signedInUser = () => signUpUser(platform, { emailPrefix: "editor" });
const edit = (user: SignedUpUser, path: string, body: unknown) =>
  callFunction(platform, user, "image-editor", "POST", path, body);

async function generatedImage(user: SignedUpUser) {
  const body = await expectJson(
    await callFunction(platform, user, "image-generation", "POST", "", {
      prompt: "A lighthouse on a cliff",
      model: "local",
      settings: { aspectRatio: "1:1" },
    }),
    200,
  );
  return body as { imageId: string; width: number; height: number; balance: number };
}

/** Rows, ledger lines and stored objects of a user: a refused request changes none of them. */
async function footprint(userId: string) {
  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ images: number; ledger: number; objects: number }>(
      `select (select count(*)::int from public.images where user_id = $1) as images,
              (select count(*)::int from public.credit_ledger where user_id = $1) as ledger,
              (select count(*)::int from storage.objects where bucket_id = 'images' and name like $1 || '/%') as objects`,
      [userId],
    )
  );
  return row;
}

const flipped = { version: 1, steps: [{ type: "flip", axis: "horizontal" }] };

Deno.test("a saved version is a new image with its parent and edit list; the same save again keeps one", async () => {
  const user = await signedInUser();
  const parent = await generatedImage(user);
  const versionId = crypto.randomUUID();
  const image = bytesToDataUrl(await testPng(parent.width, parent.height), "image/png");
  const body = { parentImageId: parent.imageId, versionId, edits: flipped, image };

  const saved = await expectJson(await edit(user, "/versions", body), 201);
  assert.equal(saved.image.id, versionId);
  assert.equal(saved.image.parentImageId, parent.imageId);
  assert.deepEqual([saved.image.width, saved.image.height], [parent.width, parent.height]);

  const [row] = await platform.db.asOwner((tx) =>
    tx.query<{ parent: string; edits: unknown; feature: string }>(
      `select parent_image_id as parent, edits, feature from public.images where id = $1`,
      [versionId],
    )
  );
  assert.equal(row.parent, parent.imageId);
  assert.deepEqual(row.edits, flipped);
  assert.equal(row.feature, "editor");

  const before = await footprint(user.id);
  const again = await expectJson(await edit(user, "/versions", body), 200);
  assert.equal(again.image.id, versionId);
  assert.deepEqual(await footprint(user.id), before);

  const versions = await expectJson(
    await callFunction(platform, user, "gallery", "GET", `/${parent.imageId}/versions`),
    200,
  );
  assert.equal(versions.parent, null);
  assert.deepEqual(versions.children.map((child: { id: string }) => child.id), [versionId]);
  const ofChild = await expectJson(
    await callFunction(platform, user, "gallery", "GET", `/${versionId}/versions`),
    200,
  );
  assert.equal(ofChild.parent.id, parent.imageId);
});

Deno.test("refused saves write nothing: someone else's image, a bad edit list, a PNG of the wrong size", async () => {
  const owner = await signedInUser();
  const other = await signedInUser();
  const parent = await generatedImage(owner);
  const image = bytesToDataUrl(await testPng(parent.width, parent.height), "image/png");
  const ownerBefore = await footprint(owner.id);
  const otherBefore = await footprint(other.id);

  await expectError(
    await edit(other, "/versions", { parentImageId: parent.imageId, edits: flipped, image }),
    404,
    "NOT_FOUND",
  );
  await expectError(
    await edit(owner, "/versions", {
      parentImageId: parent.imageId,
      edits: { version: 1, steps: [{ type: "blur", radius: 3 }] },
      image,
    }),
    400,
    "VALIDATION_ERROR",
  );
  const wrongSize = bytesToDataUrl(await testPng(parent.width + 1, parent.height), "image/png");
  const refused = await expectError(
    await edit(owner, "/versions", { parentImageId: parent.imageId, edits: flipped, image: wrongSize }),
    400,
    "VALIDATION_ERROR",
  );
  assert.equal(refused.details.field, "image");
  const oversized = { version: 1, steps: [{ type: "resize", width: 5000, height: 5000 }] };
  await expectError(
    await edit(owner, "/versions", { parentImageId: parent.imageId, edits: oversized, image }),
    400,
    "VALIDATION_ERROR",
  );

  assert.deepEqual(await footprint(owner.id), ownerBefore);
  assert.deepEqual(await footprint(other.id), otherBefore);
});

Deno.test("an offline instruction edit is charged, linked to its source, and refused on someone else's image", async () => {
  const user = await signedInUser();
  const other = await signedInUser();
  const source = await generatedImage(user);

  const edited = await expectJson(
    await edit(user, "/instructions", {
      imageId: source.imageId,
      instruction: "make the background a beach at sunset",
      model: "local",
    }),
    201,
  );
  assert.equal(edited.image.parentImageId, source.imageId);
  assert.ok(edited.image.cost > 0);
  assert.equal(edited.balance, source.balance - edited.image.cost);

  const otherBefore = await footprint(other.id);
  await expectError(
    await edit(other, "/instructions", {
      imageId: source.imageId,
      instruction: "make it night",
      model: "local",
    }),
    404,
    "NOT_FOUND",
  );
  assert.deepEqual(await footprint(other.id), otherBefore);
});

stopPlatformAfterTests(platform, { directories: [dataDir] });

/**
 * Saving an editor version: the browser renders the edit list (domain/edits/render-edits.ts) and
 * sends the PNG with the list; the server checks the parent is the caller's, that the PNG is the
 * size the list makes of the parent (and within the canvas limits), then stores the original and
 * a thumbnail and records a new image pointing at its parent with the list, so the parent stays.
 */
import type { SavedVersion, SaveVersionBody } from "../domain/contracts/image-editor.ts";
import { editedSize, EditListError } from "../domain/edits/render-edits.ts";
import type { UserClaims } from "../http/auth.ts";
import { ApiError, badRequest } from "../http/errors.ts";
import { readImageInfo } from "../images/image-info.ts";
import { recordImage } from "../images/image-records.ts";
import { makeWebpThumbnail } from "../images/thumbnail.ts";
import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { findOwnImage, maxPngBytes, parsePngDataUrl, type SourceImage } from "./editor-images.ts";

/** A maximal PNG as base64 JSON, and room for the edit list. */
export const maxVersionRequestBytes = Math.ceil((maxPngBytes * 4) / 3) + 512 * 1024;
const signedUrlSeconds = 3600;

export interface EditorDeps {
  runtime: Runtime;
  storage: ObjectStorage;
}

/** The parent's pixel size; rows from before sizes were recorded are measured from their object. */
async function parentSize(storage: ObjectStorage, parent: SourceImage) {
  if (parent.width && parent.height) return { width: parent.width, height: parent.height };
  const bytes = await storage.download("images", parent.storagePath);
  const info = bytes ? readImageInfo(bytes) : undefined;
  if (!info) throw new Error(`the image ${parent.id} has no readable original`);
  return { width: info.width, height: info.height };
}

async function signed(storage: ObjectStorage, storagePath: string, thumbnailPath: string) {
  const [url, thumbnailUrl] = await storage.signedUrls(
    "images",
    [storagePath, thumbnailPath],
    signedUrlSeconds,
  );
  return { url, thumbnailUrl };
}

export async function saveVersion(
  { runtime, storage }: EditorDeps,
  user: UserClaims,
  body: SaveVersionBody,
): Promise<{ created: boolean; response: SavedVersion }> {
  const userId = user.sub;
  const png = parsePngDataUrl("image", body.image);
  const parent = await runtime.db.withClaims(user, (tx) => findOwnImage(tx, userId, body.parentImageId));
  const size = await parentSize(storage, parent);
  let expected: { width: number; height: number };
  try {
    expected = editedSize(body.edits, size.width, size.height);
  } catch (error) {
    if (error instanceof EditListError) throw badRequest(error.message, { ...error.details, field: "edits" });
    throw error;
  }
  if (png.width !== expected.width || png.height !== expected.height) {
    throw badRequest(
      `The image is ${png.width}×${png.height}, but the edit list makes a ${expected.width}×${expected.height} image of its parent.`,
      { field: "image", expected, received: { width: png.width, height: png.height } },
    );
  }
  const versionId = body.versionId ?? crypto.randomUUID();
  const storagePath = `${userId}/${versionId}.png`;
  const thumbnailPath = `${userId}/${versionId}.thumb.webp`;

  const existing = await runtime.db.withClaims(
    user,
    (tx) =>
      tx.query<{ parentImageId: string | null; width: number; height: number }>(
        `select parent_image_id as "parentImageId", width, height from public.images where user_id = $1 and id = $2`,
        [userId, versionId],
      ),
  );
  if (existing.length > 0) {
    // A retried save (the batch apply after a lost answer) answers with the version it made before.
    if (existing[0].parentImageId !== parent.id) {
      throw new ApiError(409, "CONFLICT", "That versionId is already another image of yours.", { versionId });
    }
    return {
      created: false,
      response: {
        image: {
          id: versionId,
          parentImageId: parent.id,
          width: existing[0].width,
          height: existing[0].height,
          ...await signed(storage, storagePath, thumbnailPath),
          cost: 0,
          model: "editor",
        },
      },
    };
  }

  let thumbnail: Awaited<ReturnType<typeof makeWebpThumbnail>>;
  try {
    thumbnail = await makeWebpThumbnail(png.bytes);
  } catch {
    throw badRequest("The image could not be decoded; it may be damaged.", { field: "image" });
  }
  const stored: string[] = [];
  try {
    await storage.upload("images", storagePath, png.bytes, png.mimeType);
    stored.push(storagePath);
    await storage.upload("images", thumbnailPath, thumbnail.bytes, thumbnail.mimeType);
    stored.push(thumbnailPath);
    const tokens = body.tokens ?? parent.tokens;
    const inserted = await runtime.db.withClaims(user, async (tx) => {
      const inserted = await recordImage(tx, {
        id: versionId,
        userId,
        prompt: parent.prompt,
        resolvedPrompt: parent.resolvedPrompt,
        tokens,
        model: "editor",
        provider: "editor",
        storagePath,
        thumbnailPath,
        width: png.width,
        height: png.height,
        cost: 0,
        providerMetadata: { editor: "classic", steps: body.edits.steps.length },
        feature: "editor",
        parentImageId: parent.id,
        edits: { ...body.edits, ...(body.tokens ? { tokens: body.tokens } : {}) },
      });
      if (inserted) {
        await tx.query(
          `insert into public.usage_analytics (user_id, event_type, feature, model, provider, credits, success, metadata)
           values ($1, 'image.edited', 'editor', 'editor', 'editor', 0, true, $2::text::jsonb)`,
          [
            userId,
            JSON.stringify({ imageId: versionId, parentImageId: parent.id, steps: body.edits.steps.length }),
          ],
        );
      }
      return inserted;
    });
    if (!inserted) {
      throw new ApiError(409, "CONFLICT", "That versionId is already taken; send the save without one.", {
        versionId,
      });
    }
  } catch (error) {
    await storage.remove("images", stored).catch((cleanup) =>
      log.error("removing a refused version's objects failed", { versionId, error: String(cleanup) })
    );
    throw error;
  }
  return {
    created: true,
    response: {
      image: {
        id: versionId,
        parentImageId: parent.id,
        width: png.width,
        height: png.height,
        ...await signed(storage, storagePath, thumbnailPath),
        cost: 0,
        model: "editor",
      },
    },
  };
}

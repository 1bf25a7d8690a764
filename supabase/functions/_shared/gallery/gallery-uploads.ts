/**
 * The user's own photos. POST /gallery/uploads announces a file (name, type, size) and gets a
 * signed upload URL for `<userId>/<uploadId>.<ext>` in the `uploads` bucket; the completion reads
 * the bytes back, checks them against what was announced (magic bytes, size), stores the original
 * and a WebP thumbnail in `images` and adds the image row. A refused file is removed.
 */
import type { Db } from "../db/db.ts";
import type { uploadContentTypes } from "../domain/contracts/gallery.ts";
import { ApiError, badRequest, notFound } from "../http/errors.ts";
import { imageExtensions, readImageInfo } from "../images/image-info.ts";
import { recordImage } from "../images/image-records.ts";
import { makeWebpThumbnail } from "../images/thumbnail.ts";
import type { ObjectStorage } from "../storage/object-storage.ts";
import { imageColumns, type ImageRow } from "./gallery-store.ts";
import { queueForSweep, removeListed, scheduleUploadExpiry } from "./storage-sweep.ts";

export const maxUploadBytes = 10 * 1024 * 1024;
/** The images table's limit on a side. */
const maxImageSide = 16384;
export type UploadContentType = typeof uploadContentTypes[number];

const uploadPath =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(png|jpg|webp)$/;

export function tooLarge(size: number): ApiError {
  return new ApiError(413, "PAYLOAD_TOO_LARGE", `Photos can be at most 10 MiB; this one is ${size} bytes.`, {
    maxBytes: maxUploadBytes,
    size,
  });
}

export async function startUpload(
  db: Db,
  storage: ObjectStorage,
  userId: string,
  file: { fileName: string; contentType: UploadContentType; size: number },
) {
  if (file.size > maxUploadBytes) throw tooLarge(file.size);
  const uploadId = crypto.randomUUID();
  const path = `${userId}/${uploadId}.${imageExtensions[file.contentType]}`;
  await db.asService(async (tx) => {
    await tx.query(
      `insert into private.gallery_uploads (id, user_id, file_name, content_type, declared_size)
       values ($1, $2, $3, $4, $5)`,
      [uploadId, userId, file.fileName, file.contentType, file.size],
    );
    await scheduleUploadExpiry(tx);
  });
  const { signedUrl, token } = await storage.signedUploadUrl("uploads", path);
  return { uploadId, path, signedUrl, token };
}

interface PendingUpload {
  id: string;
  fileName: string;
  contentType: UploadContentType;
}

async function discard(db: Db, storage: ObjectStorage, upload: PendingUpload, path: string) {
  const entries = await db.asService(async (tx) => {
    await tx.query("delete from private.gallery_uploads where id = $1", [upload.id]);
    return await queueForSweep(tx, "uploads", [path]);
  });
  await removeListed(db, storage, entries);
}

/** Turns an uploaded file into a gallery image; refusals are 4xx and leave no object behind. */
export async function completeUpload(
  db: Db,
  storage: ObjectStorage,
  userId: string,
  path: string,
): Promise<ImageRow> {
  const match = uploadPath.exec(path);
  if (!match) throw badRequest("path is not an upload path (<userId>/<uploadId>.<png|jpg|webp>).");
  const [, owner, uploadId, extension] = match;
  const [upload] = owner !== userId ? [] : await db.asService((tx) =>
    tx.query<PendingUpload>(
      `select id, file_name as "fileName", content_type as "contentType" from private.gallery_uploads
        where id = $1 and user_id = $2`,
      [uploadId, userId],
    )
  );
  if (!upload || imageExtensions[upload.contentType] !== extension) {
    throw notFound("There is no upload of yours at that path.");
  }
  const bytes = await storage.download("uploads", path);
  if (!bytes) throw badRequest("Nothing has been uploaded to that path yet.", { path });

  const refuse = async (error: ApiError): Promise<never> => {
    await discard(db, storage, upload, path);
    throw error;
  };
  if (bytes.length > maxUploadBytes) await refuse(tooLarge(bytes.length));
  const info = readImageInfo(bytes);
  if (!info || info.mimeType !== upload.contentType) {
    await refuse(
      new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", `The file is not a ${upload.contentType} image.`, {
        declared: upload.contentType,
        detected: info?.mimeType ?? null,
      }),
    );
  }
  if (info!.width > maxImageSide || info!.height > maxImageSide) {
    await refuse(badRequest(`Photos can be at most ${maxImageSide} pixels on a side.`));
  }
  let thumbnail: Awaited<ReturnType<typeof makeWebpThumbnail>> | undefined;
  try {
    thumbnail = await makeWebpThumbnail(bytes);
  } catch {
    await refuse(badRequest("The image could not be decoded; it may be damaged."));
  }

  const storagePath = `${userId}/${upload.id}.${extension}`;
  const thumbnailPath = `${userId}/${upload.id}.thumb.webp`;
  await storage.upload("images", storagePath, bytes, upload.contentType);
  await storage.upload("images", thumbnailPath, thumbnail!.bytes, thumbnail!.mimeType);
  const { image, entries } = await db.asService(async (tx) => {
    await recordImage(tx, {
      id: upload.id,
      userId,
      prompt: upload.fileName,
      resolvedPrompt: upload.fileName,
      model: "upload",
      provider: "upload",
      storagePath,
      thumbnailPath,
      width: info!.width,
      height: info!.height,
      cost: 0,
      providerMetadata: { contentType: upload.contentType, size: bytes.length },
      feature: "upload",
    });
    const [image] = await tx.query<ImageRow>(`select ${imageColumns} from public.images i where i.id = $1`, [
      upload.id,
    ]);
    await tx.query("delete from private.gallery_uploads where id = $1", [upload.id]);
    return { image, entries: await queueForSweep(tx, "uploads", [path]) };
  });
  await removeListed(db, storage, entries);
  return image;
}

/** What both editor routes need: the caller's own image to start from, and PNGs sent as data URLs. */
import type { Tx } from "../db/db.ts";
import { ApiError, badRequest, notFound } from "../http/errors.ts";
import { readImageInfo } from "../images/image-info.ts";

/** A 4096 × 4096 PNG can pass 40 MB only when it is noise; this is what a request may carry. */
export const maxPngBytes = 32 * 1024 * 1024;

export interface SourceImage {
  id: string;
  prompt: string;
  resolvedPrompt: string;
  tokens: Record<string, string>;
  storagePath: string;
  width: number | null;
  height: number | null;
}

/** The caller's image, read under their claims: someone else's is as absent as one that never was. */
export async function findOwnImage(tx: Tx, userId: string, imageId: string): Promise<SourceImage> {
  const [image] = await tx.query<SourceImage>(
    `select id, prompt, resolved_prompt as "resolvedPrompt", tokens, storage_path as "storagePath", width, height
       from public.images where user_id = $1 and id = $2`,
    [userId, imageId],
  );
  if (!image) throw notFound("There is no such image of yours.");
  return image;
}

const pngDataUrl = /^data:image\/png;base64,([A-Za-z0-9+/=]*)$/;

/** A PNG from a data URL, with its size read from its header. */
export function parsePngDataUrl(field: string, dataUrl: string) {
  const match = pngDataUrl.exec(dataUrl);
  if (!match) throw badRequest(`${field} must be a PNG data URL: data:image/png;base64,…`, { field });
  if (Math.floor((match[1].length * 3) / 4) > maxPngBytes) {
    throw new ApiError(413, "PAYLOAD_TOO_LARGE", `${field} is larger than ${maxPngBytes / 1024 / 1024} MB.`, {
      field,
      maxBytes: maxPngBytes,
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(match[1]), (char) => char.charCodeAt(0));
  } catch {
    throw badRequest(`${field} is not valid base64.`, { field });
  }
  const info = readImageInfo(bytes);
  if (!info || info.mimeType !== "image/png") throw badRequest(`${field} is not a PNG image.`, { field });
  return { bytes, mimeType: "image/png" as const, width: info.width, height: info.height };
}

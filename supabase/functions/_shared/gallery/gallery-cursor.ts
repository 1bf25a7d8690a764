/**
 * Opaque keyset cursors for the gallery. The timeline cursor holds the last row's (created_at in
 * microseconds, id): a millisecond Date would round and skip or repeat rows created in the same
 * millisecond. An album view's cursor holds (position, image id) instead. Both are base64url JSON
 * and are checked strictly, so a forged or truncated cursor is a 400, never a query error.
 */
import { z } from "zod";
import { badRequest } from "../http/errors.ts";

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const safeInteger = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

const timelineCursor = z.strictObject({ t: safeInteger, id: uuid });
const albumCursor = z.strictObject({ p: safeInteger, id: uuid });

export type TimelineCursor = z.infer<typeof timelineCursor>;
export type AlbumCursor = z.infer<typeof albumCursor>;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) return undefined;
  try {
    const binary = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(binary, (char) => char.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

function decode<Schema extends z.ZodType>(value: string, schema: Schema): z.infer<Schema> {
  const text = fromBase64Url(value);
  let parsed: unknown;
  try {
    parsed = text === undefined ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw badRequest("cursor is not a cursor this list handed out.", { field: "cursor" });
  return result.data;
}

export const encodeTimelineCursor = (cursor: TimelineCursor) => toBase64Url(JSON.stringify(cursor));
export const encodeAlbumCursor = (cursor: AlbumCursor) => toBase64Url(JSON.stringify(cursor));
export const decodeTimelineCursor = (value: string) => decode(value, timelineCursor);
export const decodeAlbumCursor = (value: string) => decode(value, albumCursor);

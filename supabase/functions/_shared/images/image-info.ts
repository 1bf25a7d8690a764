/** Recognises the image formats the platform stores and reads their pixel size from the header. */

export type ImageMimeType = "image/png" | "image/jpeg" | "image/webp" | "image/gif";

export interface ImageInfo {
  mimeType: ImageMimeType;
  width: number;
  height: number;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

export function detectImageType(bytes: Uint8Array): ImageMimeType | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG") return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") {
    return "image/webp";
  }
  if (bytes.length >= 6 && ascii(bytes, 0, 4) === "GIF8") return "image/gif";
  return undefined;
}

function jpegSize(bytes: Uint8Array, view: DataView): [number, number] | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset++;
      continue;
    }
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 &&
      marker !== 0xcc;
    if (isStartOfFrame) return [view.getUint16(offset + 7), view.getUint16(offset + 5)];
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): [number, number] | undefined {
  const format = ascii(bytes, 12, 4);
  if (format === "VP8 " && bytes.length >= 30) {
    return [view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff];
  }
  if (format === "VP8L" && bytes.length >= 25) {
    const bits = view.getUint32(21, true);
    return [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
  }
  if (format === "VP8X" && bytes.length >= 30) {
    const width = 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16));
    const height = 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16));
    return [width, height];
  }
  return undefined;
}

/** The type and size of an encoded image, or undefined when the bytes are not a recognised image. */
export function readImageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const mimeType = detectImageType(bytes);
  if (!mimeType) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size: [number, number] | undefined;
  if (mimeType === "image/png" && bytes.length >= 24) size = [view.getUint32(16), view.getUint32(20)];
  else if (mimeType === "image/jpeg") size = jpegSize(bytes, view);
  else if (mimeType === "image/webp") size = webpSize(bytes, view);
  else if (mimeType === "image/gif" && bytes.length >= 10) {
    size = [view.getUint16(6, true), view.getUint16(8, true)];
  }
  if (!size || size[0] === 0 || size[1] === 0) return undefined;
  return { mimeType, width: size[0], height: size[1] };
}

/** The file extension a stored image of this type gets. */
export const imageExtensions: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};

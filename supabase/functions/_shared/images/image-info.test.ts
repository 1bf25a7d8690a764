import assert from "node:assert/strict";
import encodeJpeg from "@jsquash/jpeg/encode.js";
import encodeWebp from "@jsquash/webp/encode.js";
import { detectImageType, readImageInfo } from "./image-info.ts";
import { encodePngRgb } from "./png.ts";

function pixels(width: number, height: number): ImageData {
  return new ImageData(new Uint8ClampedArray(width * height * 4).fill(180), width, height);
}

Deno.test("PNG, JPEG and WebP are recognised and sized from their headers", async () => {
  const png = await encodePngRgb(new Uint8Array(30 * 20 * 3), 30, 20);
  const jpeg = new Uint8Array(await encodeJpeg(pixels(33, 17)));
  const lossy = new Uint8Array(await encodeWebp(pixels(41, 23)));
  const lossless = new Uint8Array(await encodeWebp(pixels(9, 70), { lossless: 1 }));
  assert.deepEqual(readImageInfo(png), { mimeType: "image/png", width: 30, height: 20 });
  assert.deepEqual(readImageInfo(jpeg), { mimeType: "image/jpeg", width: 33, height: 17 });
  assert.deepEqual(readImageInfo(lossy), { mimeType: "image/webp", width: 41, height: 23 });
  assert.deepEqual(readImageInfo(lossless), { mimeType: "image/webp", width: 9, height: 70 });
});

Deno.test("GIF is recognised; anything else is not an image", () => {
  const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x0a, 0x00, 0x05, 0x00, 0, 0]);
  assert.deepEqual(readImageInfo(gif), { mimeType: "image/gif", width: 10, height: 5 });
  assert.equal(detectImageType(new TextEncoder().encode("<svg></svg>")), undefined);
  assert.equal(readImageInfo(new TextEncoder().encode("%PDF-1.7 ...")), undefined);
  assert.equal(readImageInfo(new Uint8Array([0x89, 0x50, 0x4e, 0x47])), undefined, "a truncated PNG");
});

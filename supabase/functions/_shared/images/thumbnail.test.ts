import assert from "node:assert/strict";
import decodeWebp from "@jsquash/webp/decode.js";
import encodeJpeg from "@jsquash/jpeg/encode.js";
import encodeWebp from "@jsquash/webp/encode.js";
import { ApiError } from "../http/errors.ts";
import { readImageInfo } from "./image-info.ts";
import { encodePngRgb } from "./png.ts";
import { makeWebpThumbnail } from "./thumbnail.ts";

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

function assertWebp(bytes: Uint8Array): void {
  assert.equal(ascii(bytes, 0, 4), "RIFF");
  assert.equal(ascii(bytes, 8, 4), "WEBP");
  assert.equal(
    new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true),
    bytes.length - 8,
    "RIFF size",
  );
}

/** Left half red, right half blue: a downscale that mixes them up shows. */
async function halvesPng(width: number, height: number): Promise<Uint8Array> {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      rgb.set(x < width / 2 ? [220, 20, 20] : [20, 20, 220], (y * width + x) * 3);
    }
  }
  return await encodePngRgb(rgb, width, height);
}

Deno.test("a PNG becomes a real WebP thumbnail, 200 px on the long side", async () => {
  const thumbnail = await makeWebpThumbnail(await halvesPng(1024, 768));
  assertWebp(thumbnail.bytes);
  assert.equal(thumbnail.mimeType, "image/webp");
  assert.deepEqual([thumbnail.width, thumbnail.height], [200, 150]);
  assert.deepEqual(readImageInfo(thumbnail.bytes), { mimeType: "image/webp", width: 200, height: 150 });
  const decoded = await decodeWebp(thumbnail.bytes.slice().buffer);
  const at = (x: number, y: number) => [...decoded.data.subarray((y * 200 + x) * 4, (y * 200 + x) * 4 + 3)];
  const [leftRed, , leftBlue] = at(20, 75);
  const [rightRed, , rightBlue] = at(180, 75);
  assert.ok(leftRed > 150 && leftBlue < 90, `left stays red: ${at(20, 75)}`);
  assert.ok(rightBlue > 150 && rightRed < 90, `right stays blue: ${at(180, 75)}`);
});

Deno.test("portrait JPEG and WebP inputs keep their aspect ratio", async () => {
  const portrait = new ImageData(new Uint8ClampedArray(600 * 1200 * 4).fill(128), 600, 1200);
  const fromJpeg = await makeWebpThumbnail(new Uint8Array(await encodeJpeg(portrait)));
  assertWebp(fromJpeg.bytes);
  assert.deepEqual([fromJpeg.width, fromJpeg.height], [100, 200]);
  const fromWebp = await makeWebpThumbnail(new Uint8Array(await encodeWebp(portrait)));
  assertWebp(fromWebp.bytes);
  assert.deepEqual(readImageInfo(fromWebp.bytes), { mimeType: "image/webp", width: 100, height: 200 });
});

Deno.test("an image already under 200 px is re-encoded, not enlarged", async () => {
  const thumbnail = await makeWebpThumbnail(await halvesPng(120, 80));
  assertWebp(thumbnail.bytes);
  assert.deepEqual([thumbnail.width, thumbnail.height], [120, 80]);
});

Deno.test("bytes that are not PNG, JPEG or WebP are a 415", async () => {
  await assert.rejects(
    makeWebpThumbnail(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>")),
    (error: unknown) => error instanceof ApiError && error.status === 415,
  );
});

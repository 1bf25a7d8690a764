import assert from "node:assert/strict";
import decodePng from "@jsquash/png/decode.js";
import { crc32, encodePngRgb } from "./png.ts";

Deno.test("crc32 matches the standard check value", () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  assert.equal(crc32(new Uint8Array()), 0);
});

Deno.test("an encoded PNG decodes back to the same pixels", async () => {
  const width = 7;
  const height = 5;
  const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 53) % 256);
  const png = await encodePngRgb(rgb, width, height);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const image = await decodePng(png.slice().buffer);
  assert.deepEqual([image.width, image.height], [width, height]);
  for (let pixel = 0; pixel < width * height; pixel++) {
    assert.deepEqual(
      [
        image.data[pixel * 4],
        image.data[pixel * 4 + 1],
        image.data[pixel * 4 + 2],
        image.data[pixel * 4 + 3],
      ],
      [rgb[pixel * 3], rgb[pixel * 3 + 1], rgb[pixel * 3 + 2], 255],
    );
  }
});

Deno.test("a pixel buffer of the wrong length is refused", async () => {
  await assert.rejects(encodePngRgb(new Uint8Array(10), 2, 2), /expected 12 bytes/);
});

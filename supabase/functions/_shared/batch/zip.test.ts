// The batch ZIP writer, read back by fflate's reader (not ours) where the layout alone proves little.
import assert from "node:assert/strict";
import { unzipSync } from "fflate";
import { crc32 } from "../images/png.ts";
import { zipStream } from "./zip.ts";

Deno.test("the ZIP writer produces a store-only archive with correct CRCs and offsets", async () => {
  assert.equal(crc32(new TextEncoder().encode("123456789")), 0xcbf43926);
  const files = [{ name: "row-1.txt", bytes: new TextEncoder().encode("hello") }, {
    name: "row-2.txt",
    bytes: new Uint8Array(1000).fill(7),
  }];
  async function* source() {
    yield* files;
  }
  const zip = new Uint8Array(await new Response(zipStream(source())).arrayBuffer());
  const view = new DataView(zip.buffer);
  const end = zip.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50);
  assert.equal(view.getUint16(end + 10, true), 2);
  let central = view.getUint32(end + 16, true);
  for (const file of files) {
    assert.equal(view.getUint32(central, true), 0x02014b50);
    const size = view.getUint32(central + 24, true);
    const nameLength = view.getUint16(central + 28, true);
    const local = view.getUint32(central + 42, true);
    assert.equal(new TextDecoder().decode(zip.slice(central + 46, central + 46 + nameLength)), file.name);
    assert.equal(view.getUint32(central + 16, true), crc32(file.bytes));
    const dataStart = local + 30 + view.getUint16(local + 26, true);
    assert.deepEqual(zip.slice(dataStart, dataStart + size), file.bytes);
    central += 46 + nameLength;
  }
});

Deno.test("an archive of more than 65,535 entries gets the ZIP64 end records and reads back whole", async () => {
  const count = 70_000;
  const encoder = new TextEncoder();
  async function* source() {
    for (let index = 0; index < count; index++) {
      yield { name: `row-${index}.txt`, bytes: encoder.encode(`${index}`) };
    }
  }
  const zip = new Uint8Array(await new Response(zipStream(source())).arrayBuffer());
  const view = new DataView(zip.buffer);

  const end = zip.length - 22;
  assert.equal(view.getUint32(end, true), 0x06054b50);
  assert.equal(view.getUint16(end + 10, true), 0xffff);
  const locator = end - 20;
  assert.equal(view.getUint32(locator, true), 0x07064b50);
  const end64 = Number(view.getBigUint64(locator + 8, true));
  assert.equal(view.getUint32(end64, true), 0x06064b50);
  assert.equal(view.getBigUint64(end64 + 32, true), BigInt(count));
  assert.equal(
    Number(view.getBigUint64(end64 + 48, true)) + Number(view.getBigUint64(end64 + 40, true)),
    end64,
  );

  const files = unzipSync(zip);
  const names = Object.keys(files);
  assert.equal(names.length, count);
  for (const index of [0, 1, 65_534, 65_535, 65_536, count - 1]) {
    assert.equal(new TextDecoder().decode(files[`row-${index}.txt`]), `${index}`);
  }
});

/**
 * A store-only ZIP writer (images are already compressed, so deflate would only cost CPU). It
 * streams: each entry is written as soon as its bytes are there, so a 10,000-image archive never
 * sits in memory. Sizes stay under 4 GB per archive (no ZIP64), which a 10,000-row batch of
 * stored images does.
 */

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let index = 0; index < bytes.length; index++) {
    crc = crcTable[(crc ^ bytes[index]) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** MS-DOS time and date, the format the ZIP headers carry. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

const utf8Flag = 0x0800;

/** A ZIP of the entries `source` yields, in order, as a byte stream. */
export function zipStream(
  source: AsyncIterable<ZipEntry>,
  modified = new Date(),
): ReadableStream<Uint8Array> {
  const stamp = dosDateTime(modified);
  const encoder = new TextEncoder();
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  const iterator = source[Symbol.asyncIterator]();

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (!next.done) {
        const { name, bytes } = next.value;
        const nameBytes = encoder.encode(name);
        const crc = crc32(bytes);
        const local = new Uint8Array(30 + nameBytes.length);
        const view = new DataView(local.buffer);
        view.setUint32(0, 0x04034b50, true);
        view.setUint16(4, 20, true);
        view.setUint16(6, utf8Flag, true);
        view.setUint16(8, 0, true); // stored
        view.setUint16(10, stamp.time, true);
        view.setUint16(12, stamp.date, true);
        view.setUint32(14, crc, true);
        view.setUint32(18, bytes.length, true);
        view.setUint32(22, bytes.length, true);
        view.setUint16(26, nameBytes.length, true);
        local.set(nameBytes, 30);

        const header = new Uint8Array(46 + nameBytes.length);
        const headerView = new DataView(header.buffer);
        headerView.setUint32(0, 0x02014b50, true);
        headerView.setUint16(4, 20, true);
        headerView.setUint16(6, 20, true);
        headerView.setUint16(8, utf8Flag, true);
        headerView.setUint16(10, 0, true);
        headerView.setUint16(12, stamp.time, true);
        headerView.setUint16(14, stamp.date, true);
        headerView.setUint32(16, crc, true);
        headerView.setUint32(20, bytes.length, true);
        headerView.setUint32(24, bytes.length, true);
        headerView.setUint16(28, nameBytes.length, true);
        headerView.setUint32(42, offset, true);
        header.set(nameBytes, 46);
        central.push(header);

        controller.enqueue(local);
        controller.enqueue(bytes);
        offset += local.length + bytes.length;
        count++;
        return;
      }
      const centralSize = central.reduce((sum, entry) => sum + entry.length, 0);
      for (const entry of central) controller.enqueue(entry);
      const end = new Uint8Array(22);
      const endView = new DataView(end.buffer);
      endView.setUint32(0, 0x06054b50, true);
      endView.setUint16(8, count, true);
      endView.setUint16(10, count, true);
      endView.setUint32(12, centralSize, true);
      endView.setUint32(16, offset, true);
      controller.enqueue(end);
      controller.close();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

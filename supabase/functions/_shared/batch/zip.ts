/**
 * A store-only ZIP writer (images are already compressed, so deflate would only cost CPU). It
 * streams: each entry is written as soon as its bytes are there, so a 10,000-image archive never
 * sits in memory. An archive past 4 GiB or 65,534 entries gets the ZIP64 records (APPNOTE.TXT
 * 4.3.14-4.3.16, 4.5.3): 64-bit sizes and offsets in an extra field, a ZIP64 end of central
 * directory record and its locator; smaller archives are plain ZIP, which every reader opens.
 * Our own writer because fflate's Zip (0.8.3) writes no ZIP64 records.
 */
import { crc32 } from "../images/png.ts";

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** All ones in a 16- or 32-bit field: the value is too large for it and sits in the ZIP64 records. */
const max16 = 0xffff;
const max32 = 0xffffffff;
const zip64Version = 45;
const plainVersion = 20;
const utf8Flag = 0x0800;

/** MS-DOS time and date, the format the ZIP headers carry. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

function record(length: number): [Uint8Array, DataView] {
  const bytes = new Uint8Array(length);
  return [bytes, new DataView(bytes.buffer)];
}

/** The ZIP64 extended information extra field holding `values`, or nothing when none overflowed. */
function zip64Extra(values: number[]): Uint8Array {
  const [bytes, view] = record(values.length > 0 ? 4 + 8 * values.length : 0);
  if (values.length === 0) return bytes;
  view.setUint16(0, 0x0001, true);
  view.setUint16(2, 8 * values.length, true);
  values.forEach((value, index) => view.setBigUint64(4 + 8 * index, BigInt(value), true));
  return bytes;
}

interface Stamp {
  time: number;
  date: number;
}

interface Written {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

/** The header fields a local and a central header share, from "version needed" to the name length. */
function commonFields(view: DataView, at: number, entry: Written, version: number, stamp: Stamp): void {
  const size = Math.min(entry.size, max32);
  view.setUint16(at, version, true);
  view.setUint16(at + 2, utf8Flag, true);
  view.setUint16(at + 4, 0, true); // stored
  view.setUint16(at + 6, stamp.time, true);
  view.setUint16(at + 8, stamp.date, true);
  view.setUint32(at + 10, entry.crc, true);
  view.setUint32(at + 14, size, true);
  view.setUint32(at + 18, size, true);
  view.setUint16(at + 22, entry.name.length, true);
}

function localHeader(entry: Written, stamp: Stamp): Uint8Array {
  // Uncompressed, then compressed size: the order APPNOTE gives them in the ZIP64 field.
  const extra = zip64Extra(entry.size >= max32 ? [entry.size, entry.size] : []);
  const [header, view] = record(30 + entry.name.length + extra.length);
  view.setUint32(0, 0x04034b50, true);
  commonFields(view, 4, entry, extra.length > 0 ? zip64Version : plainVersion, stamp);
  view.setUint16(28, extra.length, true);
  header.set(entry.name, 30);
  header.set(extra, 30 + entry.name.length);
  return header;
}

function centralHeader(entry: Written, stamp: Stamp): Uint8Array {
  const extra = zip64Extra([
    ...(entry.size >= max32 ? [entry.size, entry.size] : []),
    ...(entry.offset >= max32 ? [entry.offset] : []),
  ]);
  const version = extra.length > 0 ? zip64Version : plainVersion;
  const [header, view] = record(46 + entry.name.length + extra.length);
  view.setUint32(0, 0x02014b50, true);
  view.setUint16(4, version, true); // made by: MS-DOS attributes, this spec version
  commonFields(view, 6, entry, version, stamp);
  view.setUint16(30, extra.length, true);
  view.setUint32(42, Math.min(entry.offset, max32), true);
  header.set(entry.name, 46);
  header.set(extra, 46 + entry.name.length);
  return header;
}

/** What follows the central directory: the ZIP64 end record and locator when needed, then the end record. */
function endRecords(count: number, centralOffset: number, centralSize: number): Uint8Array[] {
  const records: Uint8Array[] = [];
  if (count >= max16 || centralOffset >= max32 || centralSize >= max32) {
    const [end64, view] = record(56);
    view.setUint32(0, 0x06064b50, true);
    view.setBigUint64(4, 44n, true); // the size of the rest of this record
    view.setUint16(12, zip64Version, true);
    view.setUint16(14, zip64Version, true);
    // Bytes 16-23, this disk and the central directory's disk, stay 0: a single-file archive.
    view.setBigUint64(24, BigInt(count), true);
    view.setBigUint64(32, BigInt(count), true);
    view.setBigUint64(40, BigInt(centralSize), true);
    view.setBigUint64(48, BigInt(centralOffset), true);
    const [locator, locatorView] = record(20);
    locatorView.setUint32(0, 0x07064b50, true);
    locatorView.setBigUint64(8, BigInt(centralOffset + centralSize), true);
    locatorView.setUint32(16, 1, true); // disks in all
    records.push(end64, locator);
  }
  const [end, view] = record(22);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, Math.min(count, max16), true);
  view.setUint16(10, Math.min(count, max16), true);
  view.setUint32(12, Math.min(centralSize, max32), true);
  view.setUint32(16, Math.min(centralOffset, max32), true);
  records.push(end);
  return records;
}

/** A ZIP of the entries `source` yields, in order, as a byte stream. */
export function zipStream(
  source: AsyncIterable<ZipEntry>,
  modified = new Date(),
): ReadableStream<Uint8Array> {
  const stamp = dosDateTime(modified);
  const encoder = new TextEncoder();
  const central: Uint8Array[] = [];
  let offset = 0;
  const iterator = source[Symbol.asyncIterator]();

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (!next.done) {
        const { name, bytes } = next.value;
        const entry = { name: encoder.encode(name), crc: crc32(bytes), size: bytes.length, offset };
        const local = localHeader(entry, stamp);
        central.push(centralHeader(entry, stamp));
        controller.enqueue(local);
        controller.enqueue(bytes);
        offset += local.length + bytes.length;
        return;
      }
      const centralSize = central.reduce((sum, header) => sum + header.length, 0);
      for (const header of central) controller.enqueue(header);
      for (const end of endRecords(central.length, offset, centralSize)) controller.enqueue(end);
      controller.close();
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

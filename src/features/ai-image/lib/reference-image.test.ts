import { describe, expect, it } from "vitest";
import {
  checkReferenceImage,
  formatMegabytes,
  readReferenceImage,
  sniffReferenceImageType,
} from "@/features/ai-image/lib/reference-image";

const megabyte = 1024 * 1024;

describe("checkReferenceImage", () => {
  it("accepts PNG, JPEG and WebP up to 10 MB", () => {
    expect(checkReferenceImage({ type: "image/png", size: 10 * megabyte })).toEqual({ ok: true });
    expect(checkReferenceImage({ type: "image/jpeg", size: 1 })).toEqual({ ok: true });
    expect(checkReferenceImage({ type: "image/webp", size: 1 })).toEqual({ ok: true });
  });

  it("refuses other types, with the accepted ones named", () => {
    expect(checkReferenceImage({ type: "image/gif", size: 1 })).toEqual({
      ok: false,
      message: "Use a PNG, JPEG or WebP image.",
    });
    expect(checkReferenceImage({ type: "application/pdf", size: 1 }).ok).toBe(false);
    expect(checkReferenceImage({ type: "", size: 1 }).ok).toBe(false);
  });

  it("refuses a file over 10 MB, saying how large it is", () => {
    expect(checkReferenceImage({ type: "image/png", size: 10 * megabyte + 1 })).toEqual({
      ok: false,
      message: "That image is 10.1 MB; the limit is 10 MB.",
    });
    expect(checkReferenceImage({ type: "image/png", size: 23.4 * megabyte })).toEqual({
      ok: false,
      message: "That image is 23.4 MB; the limit is 10 MB.",
    });
  });

  it("refuses an empty file", () => {
    expect(checkReferenceImage({ type: "image/png", size: 0 }).ok).toBe(false);
  });
});

describe("formatMegabytes", () => {
  it("rounds up to one decimal, and to whole megabytes from 100 MB", () => {
    expect(formatMegabytes(2.21 * megabyte)).toBe("2.3 MB");
    expect(formatMegabytes(150.2 * megabyte)).toBe("151 MB");
  });
});

describe("readReferenceImage", () => {
  it("reads the file as a data URL with its name, type and size", async () => {
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "face.png", { type: "image/png" });
    expect(await readReferenceImage(file)).toEqual({
      name: "face.png",
      type: "image/png",
      size: 4,
      dataUrl: "data:image/png;base64,iVBORw==",
    });
  });
});

describe("sniffReferenceImageType", () => {
  const bytes = (...values: number[]) => new Blob([new Uint8Array(values)]);

  it("knows PNG, JPEG and WebP by their first bytes", async () => {
    expect(await sniffReferenceImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe(
      "image/png",
    );
    expect(await sniffReferenceImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(
      await sniffReferenceImageType(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50)),
    ).toBe("image/webp");
  });

  it("refuses anything else, whatever it is called", async () => {
    expect(await sniffReferenceImageType(new File(["%PDF-1.7"], "face.png", { type: "image/png" })))
      .toBeNull();
    expect(await sniffReferenceImageType(bytes(0x47, 0x49, 0x46, 0x38))).toBeNull();
    // A WAV file is RIFF too, but not WEBP.
    expect(
      await sniffReferenceImageType(bytes(0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45)),
    ).toBeNull();
    expect(await sniffReferenceImageType(bytes())).toBeNull();
  });
});

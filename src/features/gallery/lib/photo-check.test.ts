import { describe, expect, it } from "vitest";
import { checkPhoto, maximumPhotoBytes } from "@/features/gallery/lib/photo-check";

describe("checkPhoto", () => {
  it("takes PNG, JPEG and WebP up to 10 MB", () => {
    for (const type of ["image/png", "image/jpeg", "image/webp"]) {
      expect(checkPhoto({ name: "a", type, size: maximumPhotoBytes })).toEqual({ ok: true });
    }
  });

  it("refuses other types, empty files and files over 10 MB, naming the file", () => {
    expect(checkPhoto({ name: "a.gif", type: "image/gif", size: 10 })).toEqual({
      ok: false,
      message: "a.gif is not a PNG, JPEG or WebP image.",
    });
    expect(checkPhoto({ name: "e.png", type: "image/png", size: 0 })).toMatchObject({ ok: false });
    expect(checkPhoto({ name: "big.png", type: "image/png", size: maximumPhotoBytes + 1 })).toEqual({
      ok: false,
      message: "big.png is 10.0 MB; the limit is 10 MB.",
    });
  });
});

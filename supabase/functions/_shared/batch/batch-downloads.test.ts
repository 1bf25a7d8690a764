// ZIP entry names from a CSV cell: what a spreadsheet holds must become a short, safe file name.
import assert from "node:assert/strict";
import { entryName, galleryLink, slug } from "./batch-downloads.ts";

Deno.test("a slug keeps ASCII letters and digits, folds accents and joins the runs with dashes", () => {
  assert.equal(slug("José Núñez"), "jose-nunez");
  assert.equal(slug("  Ada   LOVELACE, 1815 "), "ada-lovelace-1815");
  assert.equal(slug("Ｆｕｌｌ　ｗｉｄｔｈ"), "full-width");
  assert.equal(slug("李雷"), "");
  assert.equal(slug(""), "");
});

Deno.test("a slug cannot climb out of the archive or smuggle separators", () => {
  assert.equal(slug("../../etc"), "etc");
  assert.equal(slug("..\\..\\Windows\\System32"), "windows-system32");
  assert.equal(slug('a/b:c*d?e"f<g>h|i\u0000j'), "a-b-c-d-e-f-g-h-i-j");
});

Deno.test("a long cell is cut to 60 characters, never ending on a dash", () => {
  const long = slug("word ".repeat(40));
  assert.ok(long.length <= 60, long);
  assert.match(long, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.equal(slug("x".repeat(100)), "x".repeat(60));
  assert.equal(slug(`${"y".repeat(59)} z`), "y".repeat(59));
});

Deno.test("entry names carry the row number padded to the row count (at least 3 digits)", () => {
  assert.equal(entryName(7, 12, "José Núñez", "png"), "row-007-jose-nunez.png");
  assert.equal(entryName(2, 12, "李雷", "png"), "row-002.png");
  assert.equal(entryName(42, 10_000, "Ada", "webp"), "row-00042-ada.webp");
  const names = ["Ada", "Ada", "ada!", ""].map((cell, index) => entryName(index + 1, 4, cell, "png"));
  assert.equal(new Set(names).size, names.length, "the row number keeps equal cells apart");
  for (const name of names) assert.match(name, /^[a-z0-9-]+\.png$/);
});

Deno.test("the CSV's image link opens the image in the owner's gallery", () => {
  assert.equal(
    galleryLink("https://app.example", "3f1c0a4e-0000-4000-8000-000000000001"),
    "https://app.example/gallery?image=3f1c0a4e-0000-4000-8000-000000000001",
  );
});

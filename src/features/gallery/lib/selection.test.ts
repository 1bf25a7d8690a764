import { describe, expect, it } from "vitest";
import { keepLoaded, selectWithClick } from "@/features/gallery/lib/selection";

const ids = ["a", "b", "c", "d", "e"];

describe("selectWithClick", () => {
  it("toggles one item on a plain click", () => {
    const once = selectWithClick(new Set(), ids, 1, { shift: false, anchor: null });
    expect([...once]).toEqual(["b"]);
    expect([...selectWithClick(once, ids, 1, { shift: false, anchor: 1 })]).toEqual([]);
  });

  it("selects the whole range from the anchor on a shift-click, in either direction, keeping what was selected", () => {
    expect([...selectWithClick(new Set(["a"]), ids, 3, { shift: true, anchor: 1 })].sort()).toEqual([
      "a",
      "b",
      "c",
      "d",
    ]);
    expect([...selectWithClick(new Set(), ids, 0, { shift: true, anchor: 2 })].sort()).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("treats a shift-click without an anchor as a plain click, and ignores an index out of range", () => {
    expect([...selectWithClick(new Set(), ids, 2, { shift: true, anchor: null })]).toEqual(["c"]);
    expect([...selectWithClick(new Set(["a"]), ids, 9, { shift: false, anchor: null })]).toEqual(["a"]);
  });

  it("does not change the set it was given", () => {
    const before = new Set(["a"]);
    selectWithClick(before, ids, 1, { shift: false, anchor: null });
    expect([...before]).toEqual(["a"]);
  });
});

describe("keepLoaded", () => {
  it("drops selected ids that are no longer loaded", () => {
    expect([...keepLoaded(new Set(["a", "x", "c"]), ids)]).toEqual(["a", "c"]);
  });
});

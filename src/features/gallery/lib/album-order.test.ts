import { describe, expect, it } from "vitest";
import { afterImageIdForDrop, afterImageIdForStep } from "@/features/gallery/lib/album-order";

const ids = ["a", "b", "c", "d"];

describe("afterImageIdForDrop", () => {
  it("puts an image dragged forward after the target", () => {
    expect(afterImageIdForDrop(ids, "a", "c")).toBe("c");
  });

  it("puts an image dragged back in the target's place", () => {
    expect(afterImageIdForDrop(ids, "d", "b")).toBe("a");
    expect(afterImageIdForDrop(ids, "c", "a")).toBeNull();
  });

  it("changes nothing for a drop on itself or an unknown image", () => {
    expect(afterImageIdForDrop(ids, "b", "b")).toBeUndefined();
    expect(afterImageIdForDrop(ids, "x", "b")).toBeUndefined();
  });
});

describe("afterImageIdForStep", () => {
  it("moves one place earlier or later, and not past either end", () => {
    expect(afterImageIdForStep(ids, "c", -1)).toBe("a");
    expect(afterImageIdForStep(ids, "b", -1)).toBeNull();
    expect(afterImageIdForStep(ids, "b", 1)).toBe("c");
    expect(afterImageIdForStep(ids, "a", -1)).toBeUndefined();
    expect(afterImageIdForStep(ids, "d", 1)).toBeUndefined();
  });
});

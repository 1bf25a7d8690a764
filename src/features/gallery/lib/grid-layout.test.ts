import { describe, expect, it } from "vitest";
import { cellOf, gridLayout, indexAfterArrow, minimumTileSize } from "@/features/gallery/lib/grid-layout";

describe("gridLayout", () => {
  it("fits as many columns of at least the minimum size as the width allows, filling the row", () => {
    const layout = gridLayout(1000);
    expect(layout).toEqual({ columns: 6, tileSize: 156, gap: 12, rowHeight: 168 });
    expect(layout.columns * layout.tileSize + (layout.columns - 1) * layout.gap).toBeLessThanOrEqual(1000);
  });

  it("keeps two columns on a narrow phone and at most eight on a wide screen", () => {
    expect(gridLayout(300).columns).toBe(2);
    expect(gridLayout(300).gap).toBe(8);
    expect(gridLayout(4000).columns).toBe(8);
  });

  it("never makes tiles smaller than the minimum when there is room for two", () => {
    for (const width of [320, 500, 640, 777, 1024, 1280]) {
      expect(gridLayout(width).tileSize).toBeGreaterThanOrEqual(minimumTileSize - 10);
    }
  });

  it("is empty, not negative, before the container is measured", () => {
    expect(gridLayout(0).tileSize).toBe(0);
  });
});

describe("keyboard movement in the grid", () => {
  it("finds an item's row and column", () => {
    expect(cellOf(7, 3)).toEqual({ row: 2, column: 1 });
  });

  it("moves by one with ←/→, by a row with ↑/↓, and to the ends with Home/End, staying inside", () => {
    expect(indexAfterArrow(4, "ArrowRight", 4, 10)).toBe(5);
    expect(indexAfterArrow(4, "ArrowLeft", 4, 10)).toBe(3);
    expect(indexAfterArrow(4, "ArrowDown", 4, 10)).toBe(8);
    expect(indexAfterArrow(4, "ArrowUp", 4, 10)).toBe(0);
    expect(indexAfterArrow(8, "ArrowDown", 4, 10)).toBe(8);
    expect(indexAfterArrow(0, "ArrowLeft", 4, 10)).toBe(0);
    expect(indexAfterArrow(4, "Home", 4, 10)).toBe(0);
    expect(indexAfterArrow(4, "End", 4, 10)).toBe(9);
    expect(indexAfterArrow(4, "a", 4, 10)).toBe(4);
  });
});

export interface GridLayout {
  columns: number;
  /** Width and height of each square tile, in CSS pixels. */
  tileSize: number;
  gap: number;
  /** Height of one row including the gap under it. */
  rowHeight: number;
}

/** The smallest a tile may get before a column is dropped: thumbnails stay recognisable on a phone. */
export const minimumTileSize = 150;
const maximumColumns = 8;

/** As many columns of at least `minimumTileSize` as fit the container, tiles stretched to fill it. */
export function gridLayout(containerWidth: number, gap = containerWidth < 640 ? 8 : 12): GridLayout {
  const width = Math.max(0, containerWidth);
  const fitting = Math.floor((width + gap) / (minimumTileSize + gap));
  const columns = Math.min(maximumColumns, Math.max(2, fitting));
  const tileSize = Math.max(0, Math.floor((width - gap * (columns - 1)) / columns));
  return { columns, tileSize, gap, rowHeight: tileSize + gap };
}

/** The row and column of item `index` in a grid of `columns`. */
export function cellOf(index: number, columns: number): { row: number; column: number } {
  return { row: Math.floor(index / columns), column: index % columns };
}

/** Where an arrow key moves focus from `index`, kept inside the `count` items. */
export function indexAfterArrow(index: number, key: string, columns: number, count: number): number {
  const moves: Record<string, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -columns,
    ArrowDown: columns,
    Home: -index,
    End: count - 1 - index,
  };
  const move = moves[key];
  if (move === undefined) return index;
  const next = index + move;
  return next < 0 || next >= count ? index : next;
}

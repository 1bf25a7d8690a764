import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import type { GalleryImage } from "@domain/contracts/gallery";
import { GalleryTile, type TileReorder } from "@/features/gallery/components/gallery-tile";
import { type GridLayout, gridLayout, indexAfterArrow } from "@/features/gallery/lib/grid-layout";

/** Rows drawn beyond the screen on each side, so a fast scroll doesn't show blank space. */
const overscanRows = 2;
/** Ask for the next page when the rows in view come this close to the loaded end. */
const prefetchRows = 4;

export interface GridSelection {
  selected: ReadonlySet<string>;
  /** `range`: extend from the last toggled item to this one (shift). */
  onToggle: (index: number, range: boolean) => void;
  onSelectAll: () => void;
}

/**
 * The width of `element` and its top in the document, kept current as the window resizes or
 * content above it (uploads, panels) grows: the virtualizer needs both to place rows.
 */
function useElementBox(element: React.RefObject<HTMLElement | null>) {
  const [box, setBox] = useState({ width: 0, top: 0 });
  useLayoutEffect(() => {
    const node = element.current;
    if (!node) return;
    const observer = new ResizeObserver(() => {
      const rect = node.getBoundingClientRect();
      const next = { width: rect.width, top: Math.round(rect.top + window.scrollY) };
      setBox((current) => (current.width === next.width && current.top === next.top ? current : next));
    });
    observer.observe(node);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [element]);
  return box;
}

/**
 * The images as a grid of square tiles that scrolls with the page. Only the rows on screen (and a
 * couple either side) are in the DOM, so 10,000 images cost what a screenful does; the next page
 * is fetched before the loaded ones run out. Arrow keys move between tiles, Space selects, Enter opens.
 */
export function GalleryGrid({
  images,
  label,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  selection,
  onOpen,
  reorder,
}: {
  images: GalleryImage[];
  label: string;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  selection: GridSelection;
  onOpen: (index: number) => void;
  /** Given in an album's unfiltered view: tiles can be dragged and moved with buttons. */
  reorder?: TileReorder;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { width, top: scrollMargin } = useElementBox(containerRef);
  const layout: GridLayout = gridLayout(width);
  const pendingFocus = useRef<number | null>(null);

  const loadedRows = Math.ceil(images.length / layout.columns);
  const rowCount = loadedRows + (hasNextPage ? 1 : 0);

  const virtualizer = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => layout.rowHeight,
    overscan: overscanRows,
    scrollMargin,
    // Scroll updates render with React's batching instead of a synchronous flush per scroll event.
    useFlushSync: false,
  });

  // A new width changes every row's height; rows are not measured from the DOM, so re-estimate.
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [virtualizer, layout.rowHeight]);

  const virtualRows = virtualizer.getVirtualItems();
  const lastVisibleRow = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastVisibleRow + prefetchRows >= loadedRows) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastVisibleRow, loadedRows, fetchNextPage]);

  // Focus asked for by the keyboard lands once the target tile has been rendered.
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const tile = containerRef.current?.querySelector<HTMLButtonElement>(
      `[data-index="${index}"] [data-open]`,
    );
    if (tile) {
      pendingFocus.current = null;
      tile.focus();
    }
  });

  function focusIndex(index: number) {
    pendingFocus.current = index;
    virtualizer.scrollToIndex(Math.floor(index / layout.columns), { align: "auto" });
    const tile = containerRef.current?.querySelector<HTMLButtonElement>(
      `[data-index="${index}"] [data-open]`,
    );
    if (tile) {
      pendingFocus.current = null;
      tile.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const index = Number(target.closest<HTMLElement>("[data-index]")?.dataset.index ?? Number.NaN);
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "a") {
      event.preventDefault();
      selection.onSelectAll();
      return;
    }
    if (Number.isNaN(index) || !target.hasAttribute("data-open")) return;
    if (event.key === " ") {
      event.preventDefault();
      selection.onToggle(index, event.shiftKey);
      return;
    }
    const next = indexAfterArrow(index, event.key, layout.columns, images.length);
    if (next !== index) {
      event.preventDefault();
      focusIndex(next);
    }
  }

  return (
    <div
      ref={containerRef}
      role="group"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="relative w-full"
      style={{ height: width > 0 ? virtualizer.getTotalSize() : undefined }}
    >
      {width > 0
        ? virtualRows.flatMap((row) => {
          const top = row.start - scrollMargin;
          return Array.from({ length: layout.columns }, (_, column) => {
            const index = row.index * layout.columns + column;
            const image = images[index];
            const x = column * (layout.tileSize + layout.gap);
            if (!image) {
              return row.index >= loadedRows
                ? (
                  <div
                    key={`loading-${index}`}
                    className="absolute left-0 top-0"
                    style={{
                      width: layout.tileSize,
                      height: layout.tileSize,
                      transform: `translate(${x}px, ${top}px)`,
                    }}
                  >
                    <Skeleton className="size-full rounded-xl" />
                  </div>
                )
                : null;
            }
            return (
              <GalleryTile
                key={image.id}
                image={image}
                index={index}
                x={x}
                y={top}
                size={layout.tileSize}
                selected={selection.selected.has(image.id)}
                onToggle={selection.onToggle}
                onOpen={onOpen}
                reorder={reorder}
              />
            );
          });
        })
        : null}
    </div>
  );
}

/** The grid's first load: tiles in the shape the images will take. */
export function GalleryGridSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading images"
      className="grid grid-cols-[repeat(auto-fill,minmax(150px,1fr))] gap-3"
    >
      {Array.from(
        { length: 12 },
        (_, index) => <Skeleton key={index} className="aspect-square rounded-xl" />,
      )}
    </div>
  );
}

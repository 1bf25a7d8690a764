import { type ReactNode, useState } from "react";

/** Rows drawn above and below the visible ones, so fast scrolling doesn't flash blank space. */
const overscanRows = 4;

/**
 * A fixed-height scroll area that mounts only the rows in view, so a 10,000-row batch costs a
 * screenful of DOM. Rows have one known height; the spacer keeps the scrollbar true to the total.
 */
export function VirtualRows({
  count,
  rowHeight,
  height,
  label,
  header,
  rowClassName,
  renderRow,
  onRangeChange,
}: {
  count: number;
  rowHeight: number;
  height: number;
  label: string;
  header: ReactNode;
  rowClassName?: string;
  renderRow: (index: number) => ReactNode;
  /** Told the last index in view, so the caller can fetch the next page before it is reached. */
  onRangeChange?: (lastVisibleIndex: number) => void;
}) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscanRows);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + overscanRows);
  const indexes = Array.from({ length: Math.max(0, last - first) }, (_, offset) => first + offset);

  return (
    <div
      role="table"
      aria-label={label}
      aria-rowcount={count + 1}
      // Focusable, so keyboard users can scroll it with the arrow keys.
      tabIndex={0}
      className="overflow-auto rounded-xl border border-line focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/30"
      style={{ height }}
      onScroll={(event) => {
        const top = event.currentTarget.scrollTop;
        setScrollTop(top);
        onRangeChange?.(Math.min(count, Math.ceil((top + height) / rowHeight)) - 1);
      }}
    >
      {header}
      <div role="rowgroup" style={{ height: count * rowHeight, position: "relative" }}>
        {indexes.map((index) => (
          <div
            key={index}
            role="row"
            aria-rowindex={index + 2}
            className={rowClassName}
            style={{ position: "absolute", top: index * rowHeight, height: rowHeight, left: 0, right: 0 }}
          >
            {renderRow(index)}
          </div>
        ))}
      </div>
    </div>
  );
}

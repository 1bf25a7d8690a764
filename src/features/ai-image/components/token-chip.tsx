import clsx from "clsx";
import { useCallback } from "react";
import { useDrag } from "react-dnd";
import { GripIcon } from "@/components/ui/icons";

/** What a dragged token chip carries to the prompt. */
export const tokenDragType = "personalization-token";
export interface TokenDragItem {
  name: string;
}

/**
 * A token to drag into the prompt. It is also a button: pressing it (mouse, touch, Enter or Space)
 * inserts the token at the prompt's caret, so the drag is never the only way.
 */
export function TokenChip({ name, onInsert }: { name: string; onInsert: (name: string) => void }) {
  const [{ isDragging }, drag] = useDrag(
    () => ({
      type: tokenDragType,
      item: { name } satisfies TokenDragItem,
      collect: (monitor) => ({ isDragging: monitor.isDragging() }),
    }),
    [name],
  );
  const dragSourceRef = useCallback((node: HTMLButtonElement | null) => void drag(node), [drag]);

  return (
    <button
      ref={dragSourceRef}
      type="button"
      onClick={() => onInsert(name)}
      aria-label={`Insert [${name}]`}
      className={clsx(
        "inline-flex h-9 cursor-grab items-center gap-1 rounded-lg border py-1 pl-1.5 pr-2.5 font-mono text-sm font-semibold transition-colors active:cursor-grabbing",
        "border-violet-200 bg-violet-50 text-violet-800 hover:bg-violet-100",
        "dark:border-violet-400/30 dark:bg-violet-500/15 dark:text-violet-200 dark:hover:bg-violet-500/25",
        isDragging && "opacity-50",
      )}
    >
      <GripIcon className="size-4 shrink-0 opacity-60" />
      [{name}]
    </button>
  );
}

import clsx from "clsx";
import { type CSSProperties, memo, type ReactNode, useCallback, useState } from "react";
import { useDrag, useDrop } from "react-dnd";
import type { GalleryImage } from "@domain/contracts/gallery";

export interface TileReorder {
  onDrop: (draggedId: string, targetId: string) => void;
  onStep: (imageId: string, step: -1 | 1) => void;
  count: number;
}

const tileDragType = "gallery-image";

/** Long prompts make unwieldy accessible names; the lightbox shows the whole text. */
function shortPrompt(prompt: string, limit = 80): string {
  return prompt.length > limit ? `${prompt.slice(0, limit - 1)}…` : prompt;
}

/**
 * One square thumbnail. The box has its final size before the image arrives, so nothing jumps; a
 * solid placeholder shows until the thumbnail has decoded. Kept small in DOM nodes: a screenful of
 * tiles is what the grid costs.
 */
export const GalleryTile = memo(function GalleryTile({
  image,
  index,
  x,
  y,
  size,
  selected,
  onToggle,
  onOpen,
  reorder,
}: {
  image: GalleryImage;
  index: number;
  /** Where the tile sits in the grid, in pixels; primitives, so an unchanged tile skips re-rendering while the page scrolls. */
  x: number;
  y: number;
  size: number;
  selected: boolean;
  onToggle: (index: number, range: boolean) => void;
  onOpen: (index: number) => void;
  reorder?: TileReorder;
}) {
  const [loaded, setLoaded] = useState(false);
  const name = shortPrompt(image.resolvedPrompt || image.prompt);
  // Drag and drop registers every tile with react-dnd; the plain grid has no use for it.
  const Frame = reorder ? ReorderFrame : TileFrame;
  const style: CSSProperties = { width: size, height: size, transform: `translate(${x}px, ${y}px)` };

  return (
    <Frame image={image} reorder={reorder} style={style} index={index} selected={selected}>
      <button
        type="button"
        data-open=""
        aria-label={`${image.isFavorite ? "Favourite: " : ""}${name}`}
        onClick={() => onOpen(index)}
        className="size-full overflow-hidden rounded-xl bg-sunken focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/60"
      >
        {image.thumbnailUrl
          ? (
            <img
              src={image.thumbnailUrl}
              alt=""
              loading="lazy"
              decoding="async"
              draggable={false}
              onLoad={() => setLoaded(true)}
              className={clsx(
                "size-full object-cover transition-opacity duration-300",
                loaded ? "opacity-100" : "opacity-0",
              )}
            />
          )
          : null}
      </button>
      <input
        type="checkbox"
        aria-label={`Select ${name}`}
        checked={selected}
        // React reports a checkbox's change from its click, so the click's Shift is the range key.
        onChange={(event) => onToggle(index, (event.nativeEvent as MouseEvent).shiftKey === true)}
        className="absolute left-2 top-2 size-5 cursor-pointer accent-violet-600"
      />
      {image.isFavorite
        ? (
          <span aria-hidden="true" className="absolute right-2 top-1 text-xl text-amber-400 drop-shadow">
            ★
          </span>
        )
        : null}
      {reorder ? <StepButtons imageId={image.id} index={index} name={name} reorder={reorder} /> : null}
    </Frame>
  );
});

interface FrameProps {
  image: GalleryImage;
  reorder?: TileReorder;
  style: CSSProperties;
  index: number;
  selected: boolean;
  children: ReactNode;
  frameRef?: (node: HTMLDivElement | null) => void;
  dragging?: boolean;
  over?: boolean;
}

function TileFrame(
  { image, style, index, selected, children, frameRef, dragging = false, over = false }: FrameProps,
) {
  return (
    <div
      ref={frameRef}
      data-index={index}
      data-image-id={image.id}
      className={clsx(
        "group absolute left-0 top-0 rounded-xl",
        selected && "ring-4 ring-violet-500",
        over && "outline-dashed outline-4 outline-offset-2 outline-violet-500",
        dragging && "opacity-40",
      )}
      style={style}
    >
      {children}
    </div>
  );
}

function ReorderFrame(props: FrameProps) {
  const { image, reorder } = props;
  const [{ dragging }, drag] = useDrag(
    () => ({
      type: tileDragType,
      item: { id: image.id },
      canDrag: () => reorder !== undefined,
      collect: (monitor) => ({ dragging: monitor.isDragging() }),
    }),
    [image.id, reorder],
  );
  const [{ over }, drop] = useDrop(
    () => ({
      accept: tileDragType,
      canDrop: (item: { id: string }) => reorder !== undefined && item.id !== image.id,
      drop: (item: { id: string }) => reorder?.onDrop(item.id, image.id),
      collect: (monitor) => ({ over: monitor.isOver() && monitor.canDrop() }),
    }),
    [image.id, reorder],
  );
  const ref = useCallback(
    (node: HTMLDivElement | null) => {
      drag(node);
      drop(node);
    },
    [drag, drop],
  );
  return <TileFrame {...props} frameRef={ref} dragging={dragging} over={over} />;
}

/** Keyboard (and touch) reordering: the same moves a drag makes, one place at a time. */
function StepButtons(
  { imageId, index, name, reorder }: { imageId: string; index: number; name: string; reorder: TileReorder },
) {
  const buttonClasses =
    "grid size-8 place-items-center rounded-lg bg-black/60 text-white hover:bg-black/80 focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-400 disabled:opacity-30";
  return (
    <div className="absolute bottom-2 right-2 flex gap-1 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
      <button
        type="button"
        aria-label={`Move earlier: ${name}`}
        disabled={index === 0}
        onClick={() => reorder.onStep(imageId, -1)}
        className={buttonClasses}
      >
        ←
      </button>
      <button
        type="button"
        aria-label={`Move later: ${name}`}
        disabled={index >= reorder.count - 1}
        onClick={() => reorder.onStep(imageId, 1)}
        className={buttonClasses}
      >
        →
      </button>
    </div>
  );
}

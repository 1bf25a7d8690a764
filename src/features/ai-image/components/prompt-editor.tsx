import clsx from "clsx";
import { type KeyboardEvent, type RefObject, useCallback, useId } from "react";
import { useDrop } from "react-dnd";
import { type TokenDragItem, tokenDragType } from "@/features/ai-image/components/token-chip";
import { textOffsetAtPoint } from "@/features/ai-image/lib/insert-token";
import { maxPromptLength } from "@domain/contracts/image-generation";

/**
 * The prompt's text area, and the drop target for token chips. While a chip is dragged over it,
 * the caret follows the pointer, so the token lands where the caret shows.
 */
export function PromptEditor({
  value,
  onChange,
  textareaRef,
  onDropToken,
  onSubmitShortcut,
  invalid,
  describedBy,
}: {
  value: string;
  onChange: (value: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  /** `offset` is where the pointer was, when the browser can tell; otherwise the token goes at the caret. */
  onDropToken: (name: string, offset: number | null) => void;
  /** Ctrl/⌘ + Enter. */
  onSubmitShortcut: () => void;
  invalid: boolean;
  describedBy?: string;
}) {
  const id = useId();
  const offsetUnderPointer = (clientOffset: { x: number; y: number } | null) => {
    const textarea = textareaRef.current;
    return textarea && clientOffset ? textOffsetAtPoint(textarea, clientOffset.x, clientOffset.y) : null;
  };
  const [{ isOver }, drop] = useDrop(
    () => ({
      accept: tokenDragType,
      hover: (_item: TokenDragItem, monitor) => {
        const textarea = textareaRef.current;
        const offset = offsetUnderPointer(monitor.getClientOffset());
        if (!textarea || offset === null) return;
        if (document.activeElement !== textarea) textarea.focus({ preventScroll: true });
        if (textarea.selectionStart !== offset || textarea.selectionEnd !== offset) {
          textarea.setSelectionRange(offset, offset);
        }
      },
      drop: (item: TokenDragItem, monitor) =>
        onDropToken(item.name, offsetUnderPointer(monitor.getClientOffset())),
      collect: (monitor) => ({ isOver: monitor.isOver() }),
    }),
    [onDropToken],
  );
  const attachTextarea = useCallback(
    (node: HTMLTextAreaElement | null) => {
      textareaRef.current = node;
      drop(node);
    },
    [drop, textareaRef],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmitShortcut();
    }
  };

  return (
    <div className="space-y-1.5">
      {
        /* No counter here: the preview's is the one that matters (the resolved prompt's length);
          the typed text only has a far looser cap so a runaway paste stops somewhere. */
      }
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        Prompt
      </label>
      <textarea
        id={id}
        ref={attachTextarea}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        rows={5}
        maxLength={maxPromptLength}
        placeholder="A professional portrait of [FIRSTNAME] in the [COMPANY] office, warm morning light"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={clsx(
          "block min-h-32 w-full resize-y rounded-xl border bg-surface px-3.5 py-3 text-base leading-relaxed text-ink shadow-sm transition-colors sm:text-sm",
          "placeholder:text-muted/70 focus:outline-none focus-visible:outline-none focus:ring-4",
          isOver
            ? "border-violet-500 ring-4 ring-violet-500/25"
            : invalid
            ? "border-rose-400 focus:border-rose-500 focus:ring-rose-500/20 dark:border-rose-400/70"
            : "border-line focus:border-violet-500 focus:ring-violet-500/20",
        )}
      />
    </div>
  );
}

import clsx from "clsx";
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from "react";

/**
 * A native modal <dialog>: the browser keeps focus inside it and makes the page behind inert (so a
 * toast behind it cannot be reached: say errors inside), and Escape asks `onClose`. Mounted open;
 * focus goes back where it was when it unmounts.
 */
export function ModalDialog({
  labelledBy,
  onClose,
  className,
  onKeyDown,
  children,
}: {
  labelledBy: string;
  onClose: () => void;
  className?: string;
  onKeyDown?: (event: KeyboardEvent<HTMLDialogElement>) => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const returnFocusTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      returnFocusTo?.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={clsx(
        "m-auto max-h-[calc(100dvh-2rem)] overflow-auto rounded-2xl border border-line bg-surface p-0 text-ink shadow-2xl backdrop:bg-black/70",
        className,
      )}
    >
      {children}
    </dialog>
  );
}

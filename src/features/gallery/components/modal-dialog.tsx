import clsx from "clsx";
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from "react";
import { DangerButton } from "@/features/gallery/components/danger-button";

/**
 * A native modal <dialog>: the browser keeps focus inside it and makes the page behind inert, and
 * Escape closes it. Mounted open; focus goes back where it was when it unmounts.
 */
export function ModalDialog({
  labelledBy,
  onClose,
  onKeyDown,
  className,
  children,
}: {
  labelledBy: string;
  onClose: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLDialogElement>) => void;
  className?: string;
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
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      className={clsx(
        "m-auto max-h-[calc(100dvh-2rem)] overflow-auto rounded-2xl border border-line bg-surface p-0 text-ink shadow-2xl backdrop:bg-black/70",
        className,
      )}
    >
      {children}
    </dialog>
  );
}

/** Asks before something that cannot be undone; the safe choice has focus first. */
export function ConfirmDialog({
  title,
  description,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const titleId = "confirm-dialog-title";
  return (
    <ModalDialog labelledBy={titleId} onClose={onCancel} className="w-[min(28rem,calc(100vw-2rem))]">
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="text-sm text-muted">{description}</div>
        <div className="flex justify-end gap-2">
          <button
            type="button"
            autoFocus
            onClick={onCancel}
            className="h-9 rounded-xl border border-line px-3 text-sm font-semibold hover:bg-sunken focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40"
          >
            Cancel
          </button>
          <DangerButton onClick={onConfirm}>
            {confirmLabel}
          </DangerButton>
        </div>
      </div>
    </ModalDialog>
  );
}

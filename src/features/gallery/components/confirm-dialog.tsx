import type { ReactNode } from "react";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { DangerButton } from "@/features/gallery/components/danger-button";

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

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SparklesIcon } from "@/components/ui/icons";
import type { Album } from "@domain/contracts/albums";
import { AddToAlbum } from "@/features/gallery/components/add-to-album";
import { ConfirmDialog } from "@/features/gallery/components/confirm-dialog";
import { DangerButton } from "@/features/gallery/components/danger-button";

/** What can be done with the selected images; shown while anything is selected. */
export function BulkActionBar({
  count,
  albums,
  selectedIds,
  inAlbum,
  organising,
  allFavourites,
  onFavorite,
  onDelete,
  onRemoveFromAlbum,
  onOrganise,
  onClear,
}: {
  count: number;
  albums: Album[];
  selectedIds: string[];
  inAlbum: Album | undefined;
  organising: boolean;
  /** Every selected image is a favourite already, so the button takes the star away. */
  allFavourites: boolean;
  onFavorite: () => void;
  onDelete: () => void;
  onRemoveFromAlbum: () => void;
  onOrganise: () => void;
  onClear: () => void;
}) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const noun = count === 1 ? "image" : "images";
  return (
    <section
      aria-label="Selected images"
      className="fixed inset-x-2 bottom-3 z-40 mx-auto flex max-w-5xl flex-wrap items-center gap-2 rounded-2xl border border-line bg-surface p-3 shadow-2xl"
    >
      <p className="mr-auto text-sm font-semibold text-ink" aria-live="polite">
        {count} {noun} selected
      </p>
      <Button size="sm" variant="secondary" onClick={onFavorite}>
        <span aria-hidden="true" className="text-amber-500">{allFavourites ? "☆" : "★"}</span>
        {allFavourites ? "Unfavourite" : "Favourite"}
      </Button>
      <AddToAlbum albums={albums.filter((album) => album.id !== inAlbum?.id)} imageIds={selectedIds} />
      {inAlbum
        ? (
          <Button size="sm" variant="secondary" onClick={onRemoveFromAlbum}>
            Remove from album
          </Button>
        )
        : null}
      <Button size="sm" variant="secondary" loading={organising} onClick={onOrganise}>
        {organising ? null : <SparklesIcon className="size-4" />}
        Organise into albums
      </Button>
      <DangerButton onClick={() => setConfirmingDelete(true)}>
        Delete
      </DangerButton>
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
      {confirmingDelete
        ? (
          <ConfirmDialog
            title={`Delete ${count} ${noun}?`}
            description="They are removed from your gallery and every album. This cannot be undone."
            confirmLabel={`Delete ${count} ${noun}`}
            onCancel={() => setConfirmingDelete(false)}
            onConfirm={() => {
              setConfirmingDelete(false);
              onDelete();
            }}
          />
        )
        : null}
    </section>
  );
}

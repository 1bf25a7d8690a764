import { type FormEvent, useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useDeleteAlbum } from "@/features/gallery/api/delete-album";
import type { Album } from "@domain/contracts/albums";
import { useUpdateAlbum } from "@/features/gallery/api/update-album";
import { ConfirmDialog } from "@/features/gallery/components/confirm-dialog";
import { showErrorToast } from "@/lib/error-toast";
import { DangerButton } from "@/features/gallery/components/danger-button";

/** The open album's title and description, with rename and delete. */
export function AlbumHeader(
  { album, onDeleted, reorderHint }: { album: Album; onDeleted: () => void; reorderHint: string },
) {
  const id = useId();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(album.title);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const updateAlbum = useUpdateAlbum();
  const deleteAlbum = useDeleteAlbum();

  const rename = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed || trimmed === album.title) {
      setRenaming(false);
      return;
    }
    updateAlbum.mutate(
      { albumId: album.id, title: trimmed },
      {
        onSuccess: () => setRenaming(false),
        onError: (error) => showErrorToast(error, { id: "album-rename" }),
      },
    );
  };

  return (
    <div className="flex flex-wrap items-start justify-between gap-3 rounded-2xl border border-line bg-surface p-4">
      {renaming
        ? (
          <form onSubmit={rename} className="flex flex-1 flex-wrap items-end gap-2">
            <div className="min-w-56 flex-1 space-y-1">
              <label htmlFor={id} className="text-sm font-medium text-ink">
                Album name
              </label>
              <input
                id={id}
                autoFocus
                value={title}
                maxLength={120}
                onChange={(event) => setTitle(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Escape") {
                    event.preventDefault();
                    setRenaming(false);
                  }
                }}
                className="h-10 w-full rounded-xl border border-line bg-surface px-3 text-sm text-ink focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40"
              />
            </div>
            <Button type="submit" size="sm" className="h-10" loading={updateAlbum.isPending}>
              Save name
            </Button>
            <Button size="sm" variant="ghost" className="h-10" onClick={() => setRenaming(false)}>
              Cancel
            </Button>
          </form>
        )
        : (
          <div className="min-w-0 flex-1">
            <h2 className="text-xl font-semibold text-ink">{album.title}</h2>
            {album.description ? <p className="mt-1 text-sm text-muted">{album.description}</p> : null}
            <p className="mt-1 text-xs text-muted">{reorderHint}</p>
          </div>
        )}
      {renaming ? null : (
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => {
              setTitle(album.title);
              setRenaming(true);
            }}
          >
            Rename album
          </Button>
          <DangerButton onClick={() => setConfirmingDelete(true)}>
            Delete album
          </DangerButton>
        </div>
      )}
      {confirmingDelete
        ? (
          <ConfirmDialog
            title={`Delete “${album.title}”?`}
            description="The album goes; its images stay in your gallery."
            confirmLabel="Delete album"
            onCancel={() => setConfirmingDelete(false)}
            onConfirm={() => {
              setConfirmingDelete(false);
              deleteAlbum.mutate(album.id, {
                onSuccess: () => {
                  toast.success(`Album “${album.title}” deleted`);
                  onDeleted();
                },
                onError: (error) => showErrorToast(error, { id: "album-delete" }),
              });
            }}
          />
        )
        : null}
    </div>
  );
}

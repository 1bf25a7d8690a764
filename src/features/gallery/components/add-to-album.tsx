import { useId, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { useAddAlbumImages } from "@/features/gallery/api/album-images";
import type { Album } from "@domain/contracts/albums";

/** An album picker and its button, for the lightbox's one image or the selection. */
export function AddToAlbum(
  { albums, imageIds, onAdded }: { albums: Album[]; imageIds: string[]; onAdded?: () => void },
) {
  const id = useId();
  const [albumId, setAlbumId] = useState("");
  const addImages = useAddAlbumImages();
  const chosen = albums.find((album) => album.id === albumId) ?? albums[0];

  if (albums.length === 0) return <p className="text-sm text-muted">Create an album to add images to it.</p>;

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Album
      </label>
      <select
        id={id}
        value={chosen?.id ?? ""}
        onChange={(event) => setAlbumId(event.target.value)}
        className="h-9 max-w-44 rounded-xl border border-line bg-surface px-2 text-sm text-ink focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40"
      >
        {albums.map((album) => (
          <option key={album.id} value={album.id}>
            {album.title}
          </option>
        ))}
      </select>
      <Button
        size="sm"
        variant="secondary"
        disabled={!chosen || imageIds.length === 0}
        onClick={() => {
          if (!chosen) return;
          addImages.mutate(
            { albumId: chosen.id, imageIds },
            {
              onSuccess: (added) => {
                toast.success(
                  added === 0
                    ? `Already in “${chosen.title}”`
                    : `Added ${added} ${added === 1 ? "image" : "images"} to “${chosen.title}”`,
                );
                onAdded?.();
              },
            },
          );
        }}
      >
        Add to album
      </Button>
    </div>
  );
}

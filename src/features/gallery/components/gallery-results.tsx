import { Button } from "@/components/ui/button";
import { emptyGalleryFilters } from "@/config/paths";
import { EmptyGallery } from "@/features/gallery/components/empty-gallery";
import { GalleryGrid, GalleryGridSkeleton } from "@/features/gallery/components/gallery-grid";
import { GalleryListError } from "@/features/gallery/components/gallery-list-error";
import type { GalleryState } from "@/features/gallery/hooks/use-gallery-state";

/** How many images the view holds, and the images themselves (or why there are none). */
export function GalleryResults({ gallery }: { gallery: GalleryState }) {
  const { list, images, filters, activeAlbum } = gallery;
  return (
    <>
      <p data-testid="gallery-count" className="text-sm text-muted" aria-live="polite">
        {list.data
          ? `${images.length}${list.hasNextPage ? "+" : ""} ${images.length === 1 ? "image" : "images"}`
          : ""}
      </p>
      {list.isPending ? <GalleryGridSkeleton /> : list.isError
        ? (
          <GalleryListError
            error={list.error}
            retrying={list.isFetching}
            onRetry={() => void list.refetch()}
            allHref={gallery.albumHref("")}
          />
        )
        : images.length === 0
        ? (
          <EmptyGallery
            filters={filters}
            onClear={() => gallery.setFilters({ ...emptyGalleryFilters, album: filters.album })}
          />
        )
        : (
          <GalleryGrid
            images={images}
            label={activeAlbum ? `Images in ${activeAlbum.title}` : "Images"}
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            fetchNextPage={gallery.loadMore}
            selection={gallery.gridSelection}
            onOpen={gallery.setLightboxIndex}
            reorder={gallery.reorder}
          />
        )}
      {list.isFetchNextPageError
        ? (
          <div role="alert" className="flex items-center gap-3 text-sm">
            <span className="text-rose-700 dark:text-rose-300">More images could not be loaded.</span>
            <Button size="sm" variant="secondary" onClick={() => void list.fetchNextPage()}>
              Try again
            </Button>
          </div>
        )
        : null}
    </>
  );
}

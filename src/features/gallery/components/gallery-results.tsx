import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { OfflineIcon } from "@/components/ui/icons";
import { emptyGalleryFilters } from "@/config/paths";
import { EmptyGallery } from "@/features/gallery/components/empty-gallery";
import { GalleryGrid, GalleryGridSkeleton } from "@/features/gallery/components/gallery-grid";
import { GalleryListError } from "@/features/gallery/components/gallery-list-error";
import type { GalleryState } from "@/features/gallery/hooks/use-gallery-state";
import { useOnlineStatus } from "@/lib/use-online-status";

/** How many images the view holds, and the images themselves (or why there are none). */
export function GalleryResults({ gallery }: { gallery: GalleryState }) {
  const { list, images, filters, activeAlbum } = gallery;
  const online = useOnlineStatus();
  return (
    <>
      {!online && list.data
        ? (
          <p
            role="status"
            className="flex items-center gap-2 text-sm font-medium text-amber-800 dark:text-amber-200"
          >
            <OfflineIcon className="size-4 shrink-0" />
            You're offline: showing what you saw last.
          </p>
        )
        : null}
      <p data-testid="gallery-count" className="text-sm text-muted" aria-live="polite">
        {list.data
          ? `${images.length}${list.hasNextPage ? "+" : ""} ${images.length === 1 ? "image" : "images"}`
          : ""}
      </p>
      {list.isPending && !online
        ? (
          // Offline with nothing saved for this view: waiting would show skeletons forever.
          <Card>
            <EmptyState
              icon={<OfflineIcon />}
              title="You're offline"
              description="This view wasn't saved on this device. It loads as soon as you're back online."
            />
          </Card>
        )
        : list.isPending
        ? <GalleryGridSkeleton />
        : list.isError
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

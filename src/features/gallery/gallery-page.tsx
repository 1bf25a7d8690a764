import { DndProvider } from "react-dnd";
import { HTML5Backend } from "react-dnd-html5-backend";
import { AlbumHeader } from "@/features/gallery/components/album-header";
import { AlbumsSidebar } from "@/features/gallery/components/albums-sidebar";
import { BulkActionBar } from "@/features/gallery/components/bulk-action-bar";
import { GalleryFiltersBar } from "@/features/gallery/components/gallery-filters-bar";
import { GalleryHeader } from "@/features/gallery/components/gallery-header";
import { GalleryResults } from "@/features/gallery/components/gallery-results";
import { Lightbox } from "@/features/gallery/components/lightbox";
import { LinkedImageLightbox } from "@/features/gallery/components/linked-image-lightbox";
import { OrganisePanel } from "@/features/gallery/components/organise-panel";
import { UploadPanel } from "@/features/gallery/components/upload-panel";
import { useGalleryState } from "@/features/gallery/hooks/use-gallery-state";

/**
 * /gallery: every image the person made or uploaded, searchable and filterable (the view lives in
 * the URL), in albums they arrange themselves or let the organiser make.
 */
export default function GalleryPage() {
  return (
    // HTML5 drags reorder an album's images and bring photos from the desktop.
    <DndProvider backend={HTML5Backend}>
      <Gallery />
    </DndProvider>
  );
}

function Gallery() {
  const gallery = useGalleryState();
  const { filters, albums, activeAlbum, images, selected, lightboxIndex } = gallery;

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-8 pb-28 sm:px-6 sm:py-10">
      <GalleryHeader />
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <aside className="lg:sticky lg:top-20 lg:self-start">
          <AlbumsSidebar
            albums={albums}
            loading={gallery.albumsQuery.isPending}
            failed={gallery.albumsQuery.isError}
            onRetry={() => void gallery.albumsQuery.refetch()}
            activeAlbumId={filters.album}
            albumHref={gallery.albumHref}
          />
        </aside>
        <div className="min-w-0 space-y-4">
          <UploadPanel />
          <GalleryFiltersBar filters={filters} onChange={gallery.setFilters} />
          {gallery.organisationId
            ? (
              <OrganisePanel
                organisationId={gallery.organisationId}
                albumHref={gallery.albumHref}
                onDismiss={gallery.closeOrganisation}
              />
            )
            : null}
          {activeAlbum
            ? (
              <AlbumHeader
                key={activeAlbum.id}
                album={activeAlbum}
                onDeleted={gallery.showAllImages}
                reorderHint={gallery.reorder
                  ? "Drag images to reorder them, or use the arrow buttons on a focused image."
                  : "Clear the filters to reorder this album."}
              />
            )
            : null}
          <GalleryResults gallery={gallery} />
        </div>
      </div>
      {selected.length > 0
        ? (
          <BulkActionBar
            count={selected.length}
            albums={albums}
            selectedIds={selected}
            inAlbum={activeAlbum}
            organising={gallery.organising}
            allFavourites={gallery.allFavourites}
            onFavorite={gallery.favouriteSelected}
            onDelete={gallery.deleteSelected}
            onRemoveFromAlbum={gallery.removeSelectedFromAlbum}
            onOrganise={gallery.organise}
            onClear={gallery.clearSelection}
          />
        )
        : null}
      {lightboxIndex !== null && images[lightboxIndex]
        ? (
          <Lightbox
            images={images}
            index={lightboxIndex}
            albums={albums}
            canLoadMore={gallery.list.hasNextPage}
            onLoadMore={gallery.loadMore}
            onIndexChange={gallery.setLightboxIndex}
            onClose={gallery.closeLightbox}
            onDelete={gallery.deleteFromLightbox}
          />
        )
        : null}
      {gallery.linkedImageOutsideList
        ? (
          <LinkedImageLightbox
            imageId={gallery.linkedImageOutsideList}
            albums={albums}
            onClose={gallery.closeLightbox}
            onDelete={gallery.deleteLinkedImage}
          />
        )
        : null}
    </div>
  );
}

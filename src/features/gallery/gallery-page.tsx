import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DndProvider } from "react-dnd";
import { HTML5Backend } from "react-dnd-html5-backend";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { toast } from "sonner";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertIcon, ImagesIcon, RefreshIcon, SparklesIcon } from "@/components/ui/icons";
import { emptyGalleryFilters, paths, type GalleryFilters } from "@/config/paths";
import { useGalleryImages } from "@/data/gallery-images/get-gallery-images";
import { useRemoveAlbumImages } from "@/features/gallery/api/album-images";
import { useDeleteImages } from "@/features/gallery/api/delete-images";
import { useAlbums } from "@/features/gallery/api/get-albums";
import { useMoveAlbumImage } from "@/features/gallery/api/move-album-image";
import { useStartOrganisation } from "@/features/gallery/api/organise-albums";
import { useSetFavorites } from "@/features/gallery/api/set-favorite";
import { AlbumHeader } from "@/features/gallery/components/album-header";
import { AlbumsSidebar } from "@/features/gallery/components/albums-sidebar";
import { BulkActionBar } from "@/features/gallery/components/bulk-action-bar";
import { GalleryFiltersBar } from "@/features/gallery/components/gallery-filters-bar";
import { GalleryGrid, GalleryGridSkeleton } from "@/features/gallery/components/gallery-grid";
import type { TileReorder } from "@/features/gallery/components/gallery-tile";
import { Lightbox } from "@/features/gallery/components/lightbox";
import { OrganisePanel } from "@/features/gallery/components/organise-panel";
import { UploadPanel } from "@/features/gallery/components/upload-panel";
import { afterImageIdForDrop, afterImageIdForStep } from "@/features/gallery/lib/album-order";
import { filtersToQuery, isNarrowed } from "@/features/gallery/lib/gallery-filters";
import { keepLoaded, selectWithClick } from "@/features/gallery/lib/selection";
import { describeError } from "@/lib/describe-error";
import { showErrorToast } from "@/lib/error-toast";
import { NotFoundError } from "@/lib/function-errors";

/** The most images one organiser run takes (the server's limit). */
const organiseLimit = 500;

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
  const [searchParams, setSearchParams] = useSearchParams();
  const navigate = useNavigate();
  const search = searchParams.toString();
  const filters = useMemo(() => paths.gallery.parse(new URLSearchParams(search)), [search]);
  const filtersKey = JSON.stringify(filters);

  const list = useGalleryImages(filtersToQuery(filters));
  const albums = useAlbums();
  const setFavorites = useSetFavorites();
  const deleteImages = useDeleteImages();
  const { mutate: moveAlbumImage } = useMoveAlbumImage();
  const removeFromAlbum = useRemoveAlbumImages();
  const startOrganisation = useStartOrganisation();

  const images = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const imageIds = useMemo(() => images.map((image) => image.id), [images]);
  const [selection, setSelection] = useState<{ view: string; ids: Set<string>; anchor: number | null }>({
    view: filtersKey,
    ids: new Set(),
    anchor: null,
  });
  // A new view starts with nothing selected; deleted or filtered-away images drop out.
  const selectedIds = useMemo(
    () => (selection.view === filtersKey ? keepLoaded(selection.ids, imageIds) : new Set<string>()),
    [selection, filtersKey, imageIds],
  );
  const [lightboxIndex, setLightboxIndex] = useState<number | null>(null);
  const [organisationId, setOrganisationId] = useState<string | null>(null);

  const activeAlbum = albums.data?.find((album) => album.id === filters.album);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const setFilters = useCallback(
    (next: GalleryFilters) => {
      // Each debounced search replaces the entry, so Back leaves the search rather than undoing letters.
      setSearchParams((current) => paths.gallery.search(next, current), { replace: next.q !== filters.q });
    },
    [setSearchParams, filters.q],
  );
  const albumHref = (albumId: string) => paths.gallery.href({ ...filters, album: albumId });

  // Read at click time, so the handler (and every tile given it) stays the same while pages load.
  const loadedIds = useRef(imageIds);
  useEffect(() => {
    loadedIds.current = imageIds;
  }, [imageIds]);
  const toggle = useCallback(
    (index: number, range: boolean) => {
      const ids = loadedIds.current;
      setSelection((current) => {
        const base = current.view === filtersKey ? current.ids : new Set<string>();
        const anchor = current.view === filtersKey ? current.anchor : null;
        return { view: filtersKey, ids: selectWithClick(base, ids, index, { shift: range, anchor }), anchor: index };
      });
    },
    [filtersKey],
  );
  const clearSelection = () => setSelection({ view: filtersKey, ids: new Set(), anchor: null });
  const gridSelection = useMemo(
    () => ({
      selected: selectedIds,
      onToggle: toggle,
      onSelectAll: () => setSelection({ view: filtersKey, ids: new Set(imageIds), anchor: null }),
    }),
    [selectedIds, toggle, filtersKey, imageIds],
  );

  const albumId = filters.album;
  const reorder: TileReorder | undefined = useMemo(() => {
    if (!albumId || isNarrowed(filters)) return undefined;
    const move = (imageId: string, afterImageId: string | null | undefined) => {
      if (afterImageId === undefined) return;
      moveAlbumImage({ albumId, imageId, afterImageId });
    };
    return {
      count: imageIds.length,
      onDrop: (draggedId, targetId) => move(draggedId, afterImageIdForDrop(imageIds, draggedId, targetId)),
      onStep: (imageId, step) => move(imageId, afterImageIdForStep(imageIds, imageId, step)),
    };
  }, [albumId, filters, imageIds, moveAlbumImage]);

  const deleteSome = (ids: string[]) => {
    deleteImages.mutate(ids, {
      onSuccess: (deleted) => toast.success(`Deleted ${deleted.length} ${deleted.length === 1 ? "image" : "images"}`),
    });
  };

  const organise = () => {
    const ids = [...selectedIds].slice(0, organiseLimit);
    if (selectedIds.size > organiseLimit) toast.info(`One run organises up to ${organiseLimit} images; the first ${organiseLimit} selected are being organised.`);
    startOrganisation.mutate(ids, {
      onSuccess: ({ organisationId: started }) => {
        setOrganisationId(started);
        clearSelection();
      },
      onError: (error) => showErrorToast(error, { id: "organise" }),
    });
  };

  const selected = [...selectedIds];
  const allFavourites = images.every((image) => !selectedIds.has(image.id) || image.isFavorite);

  return (
    <div className="mx-auto w-full max-w-7xl px-4 py-8 pb-28 sm:px-6 sm:py-10">
      <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight text-ink sm:text-4xl">Gallery</h1>
          <p className="mt-2 max-w-xl text-muted">Every image you made or uploaded. Search, favourite, and sort them into albums.</p>
        </div>
        <Link to={paths.aiImage.href()} className={buttonStyles({ variant: "secondary" })}>
          <SparklesIcon className="size-4" />
          Generate
        </Link>
      </header>
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <aside className="lg:sticky lg:top-20 lg:self-start">
          <AlbumsSidebar
            albums={albums.data ?? []}
            loading={albums.isPending}
            failed={albums.isError}
            onRetry={() => void albums.refetch()}
            activeAlbumId={filters.album}
            albumHref={albumHref}
          />
        </aside>
        <div className="min-w-0 space-y-4">
          <UploadPanel />
          <GalleryFiltersBar filters={filters} onChange={setFilters} />
          {organisationId ? (
            <OrganisePanel organisationId={organisationId} albumHref={albumHref} onDismiss={() => setOrganisationId(null)} />
          ) : null}
          {activeAlbum ? (
            <AlbumHeader
              key={activeAlbum.id}
              album={activeAlbum}
              onDeleted={() => navigate(albumHref(""))}
              reorderHint={
                reorder
                  ? "Drag images to reorder them, or use the arrow buttons on a focused image."
                  : "Clear the filters to reorder this album."
              }
            />
          ) : null}
          <p data-testid="gallery-count" className="text-sm text-muted" aria-live="polite">
            {list.data ? `${images.length}${hasNextPage ? "+" : ""} ${images.length === 1 ? "image" : "images"}` : ""}
          </p>
          {list.isPending ? (
            <GalleryGridSkeleton />
          ) : list.isError ? (
            <ListError error={list.error} retrying={list.isFetching} onRetry={() => void list.refetch()} allHref={albumHref("")} />
          ) : images.length === 0 ? (
            <EmptyGallery filters={filters} onClear={() => setFilters({ ...emptyGalleryFilters, album: filters.album })} />
          ) : (
            <GalleryGrid
              images={images}
              label={activeAlbum ? `Images in ${activeAlbum.title}` : "Images"}
              hasNextPage={hasNextPage}
              isFetchingNextPage={isFetchingNextPage}
              fetchNextPage={loadMore}
              selection={gridSelection}
              onOpen={setLightboxIndex}
              reorder={reorder}
            />
          )}
          {list.isFetchNextPageError ? (
            <div role="alert" className="flex items-center gap-3 text-sm">
              <span className="text-rose-700 dark:text-rose-300">More images could not be loaded.</span>
              <Button size="sm" variant="secondary" onClick={() => void fetchNextPage()}>
                Try again
              </Button>
            </div>
          ) : null}
        </div>
      </div>
      {selected.length > 0 ? (
        <BulkActionBar
          count={selected.length}
          albums={albums.data ?? []}
          selectedIds={selected}
          inAlbum={activeAlbum}
          organising={startOrganisation.isPending}
          allFavourites={allFavourites}
          onFavorite={() => setFavorites.mutate({ imageIds: selected, isFavorite: !allFavourites })}
          onDelete={() => {
            deleteSome(selected);
            clearSelection();
          }}
          onRemoveFromAlbum={() => {
            if (activeAlbum) removeFromAlbum.mutate({ albumId: activeAlbum.id, imageIds: selected });
            clearSelection();
          }}
          onOrganise={organise}
          onClear={clearSelection}
        />
      ) : null}
      {lightboxIndex !== null && images[lightboxIndex] ? (
        <Lightbox
          images={images}
          index={lightboxIndex}
          albums={albums.data ?? []}
          canLoadMore={hasNextPage}
          onLoadMore={loadMore}
          onIndexChange={setLightboxIndex}
          onClose={() => setLightboxIndex(null)}
          onDelete={(imageId) => {
            if (images.length <= 1) setLightboxIndex(null);
            else if (lightboxIndex >= images.length - 1) setLightboxIndex(lightboxIndex - 1);
            deleteSome([imageId]);
          }}
        />
      ) : null}
    </div>
  );
}

function ListError({ error, retrying, onRetry, allHref }: { error: unknown; retrying: boolean; onRetry: () => void; allHref: string }) {
  const { title, description } = describeError(error);
  if (error instanceof NotFoundError) {
    return (
      <Card>
        <EmptyState
          icon={<AlertIcon className="size-6" />}
          title="This album doesn't exist"
          description="It may have been deleted. Your images are still in the gallery."
          action={
            <Link to={allHref} className={buttonStyles({ variant: "secondary" })}>
              Show all images
            </Link>
          }
        />
      </Card>
    );
  }
  return (
    <Card>
      <EmptyState
        icon={<AlertIcon className="size-6" />}
        title={`Couldn't load your images: ${title.toLowerCase()}`}
        description={description}
        action={
          <Button onClick={onRetry} loading={retrying}>
            {retrying ? null : <RefreshIcon />}
            Try again
          </Button>
        }
      />
    </Card>
  );
}

function EmptyGallery({ filters, onClear }: { filters: GalleryFilters; onClear: () => void }) {
  if (isNarrowed(filters) || filters.q) {
    return (
      <Card>
        <EmptyState
          icon={<ImagesIcon />}
          title="Nothing matches these filters"
          description="Try other words or fewer filters."
          action={
            <Button variant="secondary" onClick={onClear}>
              Clear filters
            </Button>
          }
        />
      </Card>
    );
  }
  if (filters.album) {
    return (
      <Card>
        <EmptyState
          icon={<ImagesIcon />}
          title="This album is empty"
          description="Select images in the gallery and choose “Add to album”."
        />
      </Card>
    );
  }
  return (
    <Card>
      <EmptyState
        icon={<ImagesIcon />}
        title="No images yet"
        description="Images you generate land here, and you can upload your own photos above."
        action={
          <Link to={paths.aiImage.href()} className={buttonStyles()}>
            <SparklesIcon className="size-4" />
            Generate an image
          </Link>
        }
      />
    </Card>
  );
}

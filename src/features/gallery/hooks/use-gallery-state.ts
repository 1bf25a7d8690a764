import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { toast } from "sonner";
import { type GalleryFilters, paths } from "@/config/paths";
import { useGalleryImages } from "@/data/gallery-images/get-gallery-images";
import { useRemoveAlbumImages } from "@/features/gallery/api/album-images";
import { useDeleteImages } from "@/features/gallery/api/delete-images";
import { useAlbums } from "@/features/gallery/api/get-albums";
import { useMoveAlbumImage } from "@/features/gallery/api/move-album-image";
import { useStartOrganisation } from "@/features/gallery/api/organise-albums";
import { useSetFavorites } from "@/features/gallery/api/set-favorite";
import type { TileReorder } from "@/features/gallery/components/gallery-tile";
import { afterImageIdForDrop, afterImageIdForStep } from "@/features/gallery/lib/album-order";
import { filtersToQuery, isNarrowed } from "@/features/gallery/lib/gallery-filters";
import { keepLoaded, selectWithClick } from "@/features/gallery/lib/selection";
import { showErrorToast } from "@/lib/error-toast";

/** The most images one organiser run takes (the server's limit). */
const organiseLimit = 500;

export type GalleryState = ReturnType<typeof useGalleryState>;

/**
 * The gallery's view (its filters live in the URL), the loaded images, the selection within that
 * view, the open image and the running organisation, with what can be done to each.
 */
export function useGalleryState() {
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

  // ?image=<id> (a batch's results CSV links each row so) opens that image once it is loaded.
  const linkedImageId = paths.gallery.parseImage(searchParams);
  const linkedIndex = linkedImageId ? imageIds.indexOf(linkedImageId) : -1;
  const [openedLink, setOpenedLink] = useState<string | null>(null);
  if (linkedImageId && linkedImageId !== openedLink && linkedIndex >= 0) {
    setOpenedLink(linkedImageId);
    setLightboxIndex(linkedIndex);
  } else if (!linkedImageId && openedLink) {
    // Forgotten only once the URL has dropped it, so closing can't reopen it on the way.
    setOpenedLink(null);
  }
  /** A linked image the loaded pages don't hold (further down a long gallery): opened on its own. */
  const linkedImageOutsideList = linkedImageId && linkedImageId !== openedLink && !list.isPending &&
      linkedIndex === -1
    ? linkedImageId
    : null;
  const closeLightbox = () => {
    setLightboxIndex(null);
    if (linkedImageId) {
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        next.delete("image");
        return next;
      }, { replace: true });
    }
  };

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
        return {
          view: filtersKey,
          ids: selectWithClick(base, ids, index, { shift: range, anchor }),
          anchor: index,
        };
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
      onSuccess: (deleted) =>
        toast.success(`Deleted ${deleted.length} ${deleted.length === 1 ? "image" : "images"}`),
    });
  };

  const selected = [...selectedIds];
  const allFavourites = images.every((image) => !selectedIds.has(image.id) || image.isFavorite);

  const organise = () => {
    const ids = selected.slice(0, organiseLimit);
    if (selectedIds.size > organiseLimit) {
      toast.info(
        `One run organises up to ${organiseLimit} images; the first ${organiseLimit} selected are being organised.`,
      );
    }
    startOrganisation.mutate(ids, {
      onSuccess: ({ organisationId: started }) => {
        setOrganisationId(started);
        clearSelection();
      },
      onError: (error) => showErrorToast(error, { id: "organise" }),
    });
  };

  return {
    filters,
    setFilters,
    albumHref,
    list,
    images,
    albums: albums.data ?? [],
    albumsQuery: albums,
    activeAlbum,
    loadMore,
    gridSelection,
    reorder,
    selected,
    allFavourites,
    organising: startOrganisation.isPending,
    organisationId,
    lightboxIndex,
    setLightboxIndex,
    closeLightbox,
    linkedImageOutsideList,
    closeOrganisation: () => setOrganisationId(null),
    showAllImages: () => navigate(albumHref("")),
    favouriteSelected: () => setFavorites.mutate({ imageIds: selected, isFavorite: !allFavourites }),
    deleteSelected: () => {
      deleteSome(selected);
      clearSelection();
    },
    removeSelectedFromAlbum: () => {
      if (activeAlbum) removeFromAlbum.mutate({ albumId: activeAlbum.id, imageIds: selected });
      clearSelection();
    },
    organise,
    clearSelection,
    deleteLinkedImage: (imageId: string) => {
      closeLightbox();
      deleteSome([imageId]);
    },
    /** The open image goes; the lightbox moves to its neighbour, or closes after the last one. */
    deleteFromLightbox: (imageId: string) => {
      if (lightboxIndex === null) return;
      if (images.length <= 1) setLightboxIndex(null);
      else if (lightboxIndex >= images.length - 1) setLightboxIndex(lightboxIndex - 1);
      deleteSome([imageId]);
    },
  };
}

import type { Album } from "@domain/contracts/albums";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useGalleryImage } from "@/data/gallery-images/get-gallery-image";
import { Lightbox } from "@/features/gallery/components/lightbox";
import { describeError } from "@/lib/describe-error";

/** The lightbox for a linked image that isn't among the loaded pages: that one image, fetched alone. */
export function LinkedImageLightbox({
  imageId,
  albums,
  onClose,
  onDelete,
}: {
  imageId: string;
  albums: Album[];
  onClose: () => void;
  onDelete: (imageId: string) => void;
}) {
  const image = useGalleryImage(imageId);
  if (image.isPending) return null;
  if (image.isError) {
    return (
      <Alert title="That image can't be opened">
        <p>{describeError(image.error).description}</p>
        <Button size="sm" variant="secondary" className="mt-2" onClick={onClose}>
          Show the gallery
        </Button>
      </Alert>
    );
  }
  return (
    <Lightbox
      images={[image.data]}
      index={0}
      albums={albums}
      canLoadMore={false}
      onLoadMore={() => undefined}
      onIndexChange={() => undefined}
      onClose={onClose}
      onDelete={onDelete}
    />
  );
}

import { Link } from "react-router-dom";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ImagesIcon, SparklesIcon } from "@/components/ui/icons";
import { type GalleryFilters, paths } from "@/config/paths";
import { isNarrowed } from "@/features/gallery/lib/gallery-filters";

/** Nothing to show: because of the filters, because the album is empty, or because nothing was made yet. */
export function EmptyGallery({ filters, onClear }: { filters: GalleryFilters; onClear: () => void }) {
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

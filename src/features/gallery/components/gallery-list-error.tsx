import { Link } from "react-router-dom";
import { Button, buttonStyles } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { AlertIcon, RefreshIcon } from "@/components/ui/icons";
import { describeError } from "@/lib/describe-error";
import { NotFoundError } from "@/lib/function-errors";

/** The list failed to load: an album that is gone offers the whole gallery, anything else a retry. */
export function GalleryListError({
  error,
  retrying,
  onRetry,
  allHref,
}: {
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
  allHref: string;
}) {
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

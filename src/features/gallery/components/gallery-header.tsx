import { Link } from "react-router-dom";
import { buttonStyles } from "@/components/ui/button";
import { SparklesIcon } from "@/components/ui/icons";
import { paths } from "@/config/paths";

export function GalleryHeader() {
  return (
    <header className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-3xl font-bold tracking-tight text-ink sm:text-4xl">Gallery</h1>
        <p className="mt-2 max-w-xl text-muted">
          Every image you made or uploaded. Search, favourite, and sort them into albums.
        </p>
      </div>
      <Link to={paths.aiImage.href()} className={buttonStyles({ variant: "secondary" })}>
        <SparklesIcon className="size-4" />
        Generate
      </Link>
    </header>
  );
}

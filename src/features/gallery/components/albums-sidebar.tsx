import clsx from "clsx";
import { type FormEvent, useId, useState } from "react";
import { Link } from "react-router-dom";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { PlusIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { useCreateAlbum } from "@/features/gallery/api/create-album";
import type { Album } from "@domain/contracts/albums";
import { showErrorToast } from "@/lib/error-toast";

const linkClasses =
  "flex items-center justify-between gap-2 rounded-xl px-3 py-2 text-sm focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40";

/**
 * All images, then every album with its count, and a form for a new one. On a phone the list is a
 * disclosure, closed at first, so the images come first; from 768 px it is always open.
 */
export function AlbumsSidebar({
  albums,
  loading,
  failed,
  onRetry,
  activeAlbumId,
  albumHref,
}: {
  albums: Album[];
  loading: boolean;
  failed: boolean;
  onRetry: () => void;
  activeAlbumId: string;
  albumHref: (albumId: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const activeTitle = albums.find((album) => album.id === activeAlbumId)?.title ?? "All images";
  return (
    <nav aria-label="Albums" className="space-y-3">
      <h2 className="hidden px-3 text-sm font-semibold uppercase tracking-wide text-muted md:block">
        Albums
      </h2>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((current) => !current)}
        className="flex w-full items-center justify-between gap-2 rounded-xl border border-line bg-surface px-3 py-2 text-sm text-ink focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40 md:hidden"
      >
        <span className="min-w-0 truncate">
          <span className="font-semibold">Albums</span>
          <span className="text-muted">{` · ${activeTitle}`}</span>
        </span>
        <span aria-hidden="true" className={clsx("transition-transform", open && "rotate-180")}>▾</span>
      </button>
      <div id={listId} className={clsx("space-y-3", open ? "block" : "hidden md:block")}>
        <ul className="space-y-1">
          <li>
            <Link
              to={albumHref("")}
              onClick={() => setOpen(false)}
              aria-current={activeAlbumId === "" ? "page" : undefined}
              className={clsx(
                linkClasses,
                activeAlbumId === ""
                  ? "bg-violet-100 font-semibold text-violet-900 dark:bg-violet-500/20 dark:text-violet-100"
                  : "text-ink hover:bg-sunken",
              )}
            >
              All images
            </Link>
          </li>
          {albums.map((album) => (
            <li key={album.id}>
              <Link
                to={albumHref(album.id)}
                onClick={() => setOpen(false)}
                aria-current={activeAlbumId === album.id ? "page" : undefined}
                className={clsx(
                  linkClasses,
                  activeAlbumId === album.id
                    ? "bg-violet-100 font-semibold text-violet-900 dark:bg-violet-500/20 dark:text-violet-100"
                    : "text-ink hover:bg-sunken",
                )}
              >
                <span className="truncate">{album.title}</span>
                <span className="tabular-nums text-muted">{album.imageCount}</span>
              </Link>
            </li>
          ))}
        </ul>
        {loading
          ? (
            <div role="status" aria-label="Loading albums" className="space-y-2 px-3">
              <Skeleton className="h-5 w-full" />
              <Skeleton className="h-5 w-2/3" />
            </div>
          )
          : null}
        {failed
          ? (
            <p role="alert" className="px-3 text-sm text-muted">
              Albums could not be loaded.{" "}
              <button
                type="button"
                onClick={onRetry}
                className="font-semibold text-violet-700 underline dark:text-violet-300"
              >
                Try again
              </button>
            </p>
          )
          : null}
        {!loading && !failed && albums.length === 0
          ? <p className="px-3 text-sm text-muted">No albums yet.</p>
          : null}
        <NewAlbumForm />
      </div>
    </nav>
  );
}

function NewAlbumForm() {
  const id = useId();
  const [title, setTitle] = useState("");
  const createAlbum = useCreateAlbum();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    if (!trimmed) return;
    createAlbum.mutate(
      { title: trimmed },
      {
        onSuccess: (album) => {
          setTitle("");
          toast.success(`Album “${album.title}” created`);
        },
        onError: (error) => showErrorToast(error, { id: "album-create" }),
      },
    );
  };
  return (
    <form onSubmit={submit} className="space-y-2 px-3">
      <label htmlFor={id} className="text-sm font-medium text-ink">
        New album
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          value={title}
          maxLength={120}
          onChange={(event) => setTitle(event.target.value)}
          placeholder="Album name"
          className="h-9 min-w-0 flex-1 rounded-xl border border-line bg-surface px-3 text-sm text-ink focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40"
        />
        <Button
          type="submit"
          size="sm"
          variant="secondary"
          loading={createAlbum.isPending}
          disabled={!title.trim()}
          aria-label="Create album"
        >
          {createAlbum.isPending ? null : <PlusIcon className="size-4" />}
        </Button>
      </div>
    </form>
  );
}

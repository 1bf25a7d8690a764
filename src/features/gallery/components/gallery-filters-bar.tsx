import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClasses } from "@/components/ui/text-field";
import { emptyGalleryFilters, type GalleryFilters } from "@/config/paths";
import { useGalleryFacets } from "@/features/gallery/api/get-gallery-facets";
import { isNarrowed } from "@/features/gallery/lib/gallery-filters";
import { useImageModels } from "@/data/image-models/get-image-models";
import { featureLabel } from "@domain/feature-labels";

/** Typing pauses this long before the search runs (and the URL changes). */
const searchDebounceMs = 300;

const controlClasses =
  "h-10 rounded-xl border border-line bg-surface px-3 text-sm text-ink focus:outline-none focus-visible:ring-4 focus-visible:ring-violet-500/40";

/** Search and filters; each change is written to the URL by `onChange`. */
export function GalleryFiltersBar(
  { filters, onChange }: { filters: GalleryFilters; onChange: (filters: GalleryFilters) => void },
) {
  const id = useId();
  const facets = useGalleryFacets();
  const models = useImageModels();
  const modelLabel = (id: string) => models.data?.find((model) => model.id === id)?.label ?? id;
  const [search, setSearch] = useState(filters.q);
  const [searchInUrl, setSearchInUrl] = useState(filters.q);
  // The URL's search changed by itself (back button, "Clear"): show it.
  if (filters.q !== searchInUrl) {
    setSearchInUrl(filters.q);
    if (search.trim() !== filters.q) setSearch(filters.q);
  }

  useEffect(() => {
    if (search.trim() === filters.q) return;
    const timer = window.setTimeout(() => onChange({ ...filters, q: search.trim() }), searchDebounceMs);
    return () => window.clearTimeout(timer);
  }, [search, filters, onChange]);

  // The URL changes in a transition that can land frames after a click; until it does, the controls
  // show what was chosen instead of snapping back to the old filters.
  const [chosen, setChosen] = useState<{ over: GalleryFilters; next: GalleryFilters } | null>(null);
  const shown = chosen?.over === filters ? chosen.next : filters;
  const set = (changes: Partial<GalleryFilters>) => {
    const next = { ...shown, ...changes };
    setChosen({ over: filters, next });
    onChange(next);
  };
  const facetsFailed = facets.isError;

  return (
    <div role="search" className="flex flex-wrap items-end gap-3" aria-label="Search and filter images">
      <div className="min-w-56 flex-1 space-y-1">
        <label htmlFor={`${id}-q`} className="text-sm font-medium text-ink">
          Search prompts
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={search}
          placeholder="e.g. sunset"
          onChange={(event) => setSearch(event.target.value)}
          className={`${inputClasses} h-10 border-line focus:border-violet-500 focus:ring-violet-500/20`}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-model`} className="text-sm font-medium text-ink">
          Model
        </label>
        <select
          id={`${id}-model`}
          value={shown.model}
          onChange={(event) => set({ model: event.target.value })}
          className={`${controlClasses} block`}
        >
          <option value="">All models</option>
          {withCurrent(facets.data?.models, shown.model).map((model) => (
            <option key={model} value={model}>
              {modelLabel(model)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-feature`} className="text-sm font-medium text-ink">
          Made with
        </label>
        <select
          id={`${id}-feature`}
          value={shown.feature}
          onChange={(event) => set({ feature: event.target.value })}
          className={`${controlClasses} block`}
        >
          <option value="">Everything</option>
          {withCurrent(facets.data?.features, shown.feature).map((feature) => (
            <option key={feature} value={feature}>
              {featureLabel(feature)}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-from`} className="text-sm font-medium text-ink">
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          value={shown.from}
          max={shown.to || undefined}
          onChange={(event) => set({ from: event.target.value })}
          className={`${controlClasses} block`}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-to`} className="text-sm font-medium text-ink">
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          value={shown.to}
          min={shown.from || undefined}
          onChange={(event) => set({ to: event.target.value })}
          className={`${controlClasses} block`}
        />
      </div>
      <label className="flex h-10 items-center gap-2 text-sm font-medium text-ink">
        <input
          type="checkbox"
          checked={shown.favorite}
          onChange={(event) => set({ favorite: event.target.checked })}
          className="size-4 accent-violet-600"
        />
        Favourites only
      </label>
      {isNarrowed(filters) || filters.q
        ? (
          <Button
            variant="ghost"
            size="sm"
            className="h-10"
            onClick={() => onChange({ ...emptyGalleryFilters, album: filters.album })}
          >
            Clear filters
          </Button>
        )
        : null}
      {facetsFailed
        ? (
          <p role="alert" className="w-full text-sm text-muted">
            The model and feature lists could not be loaded.{" "}
            <button
              type="button"
              className="font-semibold text-violet-700 underline dark:text-violet-300"
              onClick={() => void facets.refetch()}
            >
              Try again
            </button>
          </p>
        )
        : null}
    </div>
  );
}

/** The menu's options, keeping a value from a shared link even before (or without) the facets listing it. */
function withCurrent(options: string[] | undefined, current: string): string[] {
  const list = options ?? [];
  return current && !list.includes(current) ? [current, ...list] : list;
}

import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** The AI Image page's shape while its code or the model catalog loads, so nothing jumps after. */
export function StudioSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading the image studio"
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]"
    >
      <div className="space-y-6">
        <Card className="space-y-4 p-5 sm:p-6">
          <Skeleton className="h-5 w-24" />
          <div className="flex flex-wrap gap-2">
            {Array.from({ length: 5 }, (_, chip) => <Skeleton key={chip} className="h-9 w-28" />)}
          </div>
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-16 w-full" />
        </Card>
        <Card className="space-y-4 p-5 sm:p-6">
          <Skeleton className="h-5 w-36" />
          <Skeleton className="h-11 w-full" />
          <div className="grid gap-4 sm:grid-cols-2">
            <Skeleton className="h-11" />
            <Skeleton className="h-11" />
          </div>
        </Card>
      </div>
      <Card className="space-y-4 self-start p-5 sm:p-6">
        <Skeleton className="h-5 w-20" />
        <Skeleton className="aspect-square w-full" />
      </Card>
    </div>
  );
}

/** The route's fallback while the page's code downloads: the heading's place, then the studio. */
export function AiImagePageSkeleton() {
  return (
    <div className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6 sm:py-10">
      <div className="mb-6 space-y-3 sm:mb-8">
        <Skeleton className="h-9 w-48" />
        <Skeleton className="h-5 w-full max-w-md" />
      </div>
      <StudioSkeleton />
    </div>
  );
}

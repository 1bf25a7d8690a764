import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** While a content page's code loads: a heading and a few blocks in its rough shape. */
export function ContentPageSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading page"
      className="mx-auto w-full max-w-5xl space-y-6 px-4 py-12 sm:px-6 sm:py-20"
    >
      <Skeleton className="h-5 w-40" />
      <Skeleton className="h-12 w-full max-w-xl" />
      <Skeleton className="h-5 w-full max-w-lg" />
      <div className="grid gap-5 pt-6 sm:grid-cols-3">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
    </div>
  );
}

/** While a sign-in style page loads: a form card. */
export function FormPageSkeleton() {
  return (
    <div role="status" aria-label="Loading page" className="mx-auto w-full max-w-md px-4 py-10 sm:py-16">
      <Card className="space-y-5 p-6 sm:p-8">
        <Skeleton className="h-7 w-48" />
        <Skeleton className="h-4 w-64" />
        <Skeleton className="h-11 w-full" />
        <Skeleton className="h-11 w-full" />
        <Skeleton className="h-12 w-full" />
      </Card>
    </div>
  );
}

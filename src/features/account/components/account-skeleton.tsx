import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";

/** The account page's shape while it loads, so nothing jumps when the data arrives. */
export function AccountSkeleton() {
  return (
    <div role="status" aria-label="Loading your account" className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="space-y-4 p-6">
          <Skeleton className="h-4 w-20" />
          <div className="flex items-center gap-4">
            <Skeleton className="size-16 rounded-full" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-5 w-40" />
              <Skeleton className="h-4 w-56" />
            </div>
          </div>
          <Skeleton className="h-10 w-full" />
        </Card>
        <Card className="space-y-4 p-6">
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-12 w-36" />
          <Skeleton className="h-4 w-64" />
        </Card>
      </div>
      <Card className="divide-y divide-line">
        {Array.from({ length: 4 }, (_, row) => (
          <div key={row} className="flex items-center gap-4 px-6 py-4">
            <Skeleton className="size-10 rounded-xl" />
            <div className="flex-1 space-y-2">
              <Skeleton className="h-4 w-36" />
              <Skeleton className="h-3 w-48" />
            </div>
            <Skeleton className="h-5 w-12" />
          </div>
        ))}
      </Card>
    </div>
  );
}

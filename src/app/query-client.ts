import { QueryCache, QueryClient } from "@tanstack/react-query";
import { showErrorToast } from "@/lib/error-toast";
import { queryRetryDelay, shouldRetryQuery } from "@/lib/query-retry";

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // Pages show a failed first load and a failed "load more" in place. A toast is for a
        // refresh that failed while older data stays on screen, so the person knows it is stale.
        if (query.state.data === undefined || query.state.fetchMeta?.fetchMore) return;
        showErrorToast(error, { retry: () => void queryClient.refetchQueries({ queryKey: query.queryKey }) });
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetryQuery, retryDelay: queryRetryDelay, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
  return queryClient;
}

import {
  dehydrate,
  type DehydratedState,
  hydrate,
  onlineManager,
  type Query,
  QueryCache,
  QueryClient,
} from "@tanstack/react-query";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { showErrorToast } from "@/lib/error-toast";
import { queryRetryDelay, shouldRetryQuery } from "@/lib/query-retry";

export function createQueryClient(): QueryClient {
  // The query library assumes online until told otherwise; a tab opened offline would retry for nothing.
  if (typeof navigator !== "undefined") onlineManager.setOnline(navigator.onLine);
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

const persistedCacheKey = "personify:gallery-cache";
/** The service worker's cache of thumbnails (vite.config.ts), forgotten with the lists that show them. */
const thumbnailCacheName = "gallery-thumbnails";
const persistedMaxAgeMs = 7 * 24 * 60 * 60 * 1000;
/** A long scroll stays out of storage: offline, the first pages are what a person looks for. */
const persistedPages = 3;
const writeDelayMs = 1_000;

interface PersistedCache {
  userId: string;
  savedAt: number;
  state: DehydratedState;
}

/** Only what the gallery lists outlives a reload: never the session, credits, payments or details. */
function isPersisted(query: Query): boolean {
  if (query.state.status !== "success") return false;
  const [root, kind] = query.queryKey;
  if (root === galleryImageKeys.all[0]) return kind === galleryImageKeys.lists()[1];
  return root === galleryKeys.all[0] &&
    (kind === galleryKeys.facets()[1] || kind === galleryKeys.albums()[1]);
}

function firstPages(data: unknown): unknown {
  if (!data || typeof data !== "object" || !("pages" in data) || !("pageParams" in data)) return data;
  const { pages, pageParams } = data as { pages: unknown[]; pageParams: unknown[] };
  return { pages: pages.slice(0, persistedPages), pageParams: pageParams.slice(0, persistedPages) };
}

function readPersisted(userId: string): DehydratedState | null {
  try {
    const saved = JSON.parse(localStorage.getItem(persistedCacheKey) ?? "null") as PersistedCache | null;
    if (!saved || saved.userId !== userId || Date.now() - saved.savedAt > persistedMaxAgeMs) return null;
    return saved.state;
  } catch {
    return null;
  }
}

function writePersisted(queryClient: QueryClient, userId: string) {
  const state = dehydrate(queryClient, { shouldDehydrateQuery: isPersisted });
  const queries = state.queries.map((query) => ({
    ...query,
    state: { ...query.state, data: firstPages(query.state.data) },
  }));
  const saved: PersistedCache = { userId, savedAt: Date.now(), state: { ...state, queries } };
  try {
    localStorage.setItem(persistedCacheKey, JSON.stringify(saved));
  } catch {
    // Full or unavailable storage costs only the offline copy.
  }
}

/**
 * Restores the signed-in person's last gallery lists (so the gallery shows what it had when offline)
 * and keeps saving them as they change. Returns the function that stops saving.
 */
export function persistGalleryCache(queryClient: QueryClient, userId: string): () => void {
  const restored = readPersisted(userId);
  if (restored) {
    hydrate(queryClient, restored);
    // A saved list is only a stand-in: the page that shows it asks the server again, however recent it is.
    const restoredHashes = new Set(restored.queries.map((query) => query.queryHash));
    void queryClient.invalidateQueries({
      predicate: (query) => restoredHashes.has(query.queryHash),
      refetchType: "none",
    });
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" && event.type !== "removed") return;
    if (timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        writePersisted(queryClient, userId);
      }, writeDelayMs);
    }
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}

/** A signed-out browser keeps none of the person's gallery: neither the lists nor the thumbnails. */
export function forgetPersistedGalleryCache() {
  try {
    localStorage.removeItem(persistedCacheKey);
  } catch {
    // Nothing could have been saved either.
  }
  if (typeof caches !== "undefined") void caches.delete(thumbnailCacheName).catch(() => undefined);
}

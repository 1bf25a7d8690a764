import * as z from "zod/mini";
import type { ImageDraft } from "@/features/ai-image/lib/image-draft";

/**
 * The studio's draft kept in sessionStorage, so a reload (or a crash of the tab) does not lose a
 * prompt. sessionStorage, not localStorage: prompts often name real people, and the draft should
 * not outlive the tab on a shared computer. It is keyed by user, so a second account signed in
 * later in the same tab starts clean. The reference image stays out: its data URL can be 13 MB,
 * far past the storage quota.
 */
const storedDraftSchema = z.object({
  /** The page's query string when the draft was saved: a different "Reuse settings" link wins. */
  search: z.string(),
  prompt: z.string(),
  tokenValues: z.record(z.string(), z.string()),
  modelId: z.string(),
  settings: z.record(z.string(), z.string()),
});

const storageKey = (userId: string) => `personify:ai-image-draft:${userId}`;

export function loadStoredDraft(storage: Storage, userId: string, search: string): ImageDraft | null {
  let raw: string | null;
  try {
    raw = storage.getItem(storageKey(userId));
  } catch {
    return null;
  }
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  const result = storedDraftSchema.safeParse(parsed);
  if (!result.success || result.data.search !== search) return null;
  const { prompt, tokenValues, modelId, settings } = result.data;
  return { prompt, tokenValues, modelId, settings, referenceImage: null };
}

export function saveStoredDraft(storage: Storage, userId: string, search: string, draft: ImageDraft): void {
  const { prompt, tokenValues, modelId, settings } = draft;
  try {
    storage.setItem(storageKey(userId), JSON.stringify({ search, prompt, tokenValues, modelId, settings }));
  } catch {
    // Storage full or turned off (private mode): the draft just won't survive a reload.
  }
}

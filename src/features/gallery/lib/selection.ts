/**
 * The selection after clicking item `index`: a plain click toggles it; a shift-click selects every
 * item from the last clicked one (the anchor) to it, as file managers do.
 */
export function selectWithClick(
  selected: ReadonlySet<string>,
  orderedIds: readonly string[],
  index: number,
  { shift, anchor }: { shift: boolean; anchor: number | null },
): Set<string> {
  const id = orderedIds[index];
  const next = new Set(selected);
  if (id === undefined) return next;
  if (shift && anchor !== null && orderedIds[anchor] !== undefined) {
    const [start, end] = anchor <= index ? [anchor, index] : [index, anchor];
    for (const rangeId of orderedIds.slice(start, end + 1)) next.add(rangeId);
    return next;
  }
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Drops ids that are no longer loaded (deleted, or filtered away), so bulk actions act only on what is seen. */
export function keepLoaded(selected: ReadonlySet<string>, loadedIds: readonly string[]): Set<string> {
  const loaded = new Set(loadedIds);
  return new Set([...selected].filter((id) => loaded.has(id)));
}

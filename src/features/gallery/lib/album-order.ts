/**
 * Where an image dropped onto another lands in an album: dragged forward it goes after the
 * target, dragged back it takes the target's place. Answers the `afterImageId` of POST /albums/:id/move
 * (null = first), or undefined when the drop changes nothing.
 */
export function afterImageIdForDrop(
  orderedIds: readonly string[],
  draggedId: string,
  targetId: string,
): string | null | undefined {
  const from = orderedIds.indexOf(draggedId);
  const to = orderedIds.indexOf(targetId);
  if (from === -1 || to === -1 || from === to) return undefined;
  if (from < to) return targetId;
  return to === 0 ? null : (orderedIds[to - 1] ?? null);
}

/** `afterImageId` for moving an image one place earlier or later, or undefined at either end. */
export function afterImageIdForStep(
  orderedIds: readonly string[],
  imageId: string,
  step: -1 | 1,
): string | null | undefined {
  const index = orderedIds.indexOf(imageId);
  const target = orderedIds[index + step];
  if (index === -1 || target === undefined) return undefined;
  return afterImageIdForDrop(orderedIds, imageId, target);
}

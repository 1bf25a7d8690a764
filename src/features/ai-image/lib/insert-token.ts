export interface TextSelection {
  start: number;
  end: number;
}

export interface InsertedToken {
  text: string;
  /** Where the caret goes: right after the inserted token. */
  caret: number;
}

/**
 * Puts `[NAME]` in place of the selection, adding a space on either side where the token would
 * otherwise run into a word ("Hello[NAME]" reads as one word to a person and to the model).
 */
export function insertToken(text: string, selection: TextSelection, tokenName: string): InsertedToken {
  const start = clamp(Math.min(selection.start, selection.end), text.length);
  const end = clamp(Math.max(selection.start, selection.end), text.length);
  const before = text.slice(0, start);
  const after = text.slice(end);
  const spaceBefore = before !== "" && !/\s$/.test(before) ? " " : "";
  const spaceAfter = after !== "" && !/^[\s.,;:!?)]/.test(after) ? " " : "";
  const token = `${spaceBefore}[${tokenName}]${spaceAfter}`;
  return { text: `${before}${token}${after}`, caret: start + token.length - spaceAfter.length };
}

function clamp(index: number, length: number) {
  return Math.max(0, Math.min(Number.isFinite(index) ? index : length, length));
}

/**
 * The character offset in `textarea` under the viewport point (x, y), or null when the browser
 * can't tell. Lets a chip dropped on the prompt land where the pointer is, not where the caret was.
 */
export function textOffsetAtPoint(textarea: HTMLTextAreaElement, x: number, y: number): number | null {
  const position = document.caretPositionFromPoint?.(x, y);
  if (position && position.offsetNode === textarea) return position.offset;
  return null;
}

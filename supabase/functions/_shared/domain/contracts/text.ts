/**
 * The string types every contract builds on. Postgres text cannot hold U+0000, and the other C0
 * controls make no sense in a name, a title or a prompt: refusing them here gives every function
 * a 400 that writes and reserves nothing, instead of a failure deep in a transaction.
 */
import * as z from "zod/mini";

// English messages for every contract on both sides: zod/mini alone says only "Invalid input".
z.config(z.locales.en());

// deno-lint-ignore no-control-regex
const controlInLine = /[\u0000-\u001f\u007f]/;
// deno-lint-ignore no-control-regex
const controlInText = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const controlCharacterMessage = "must not contain control characters";

/** Has no character that Postgres cannot store or a single line cannot show. */
export function isPlainLine(value: string): boolean {
  return !controlInLine.test(value);
}

/** Has no character that Postgres cannot store; tabs and line breaks are allowed. */
export function isPlainText(value: string): boolean {
  return !controlInText.test(value);
}

/** One line of text (names, titles, ids, search terms): no control characters at all. */
export function line() {
  return z.string().check(z.refine(isPlainLine, { message: controlCharacterMessage }));
}

/** Text that may span lines (prompts, descriptions, notes): tabs and line breaks only. */
export function text() {
  return z.string().check(z.refine(isPlainText, { message: controlCharacterMessage }));
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row id as Postgres prints it. */
export function uuid(message = "must be a UUID") {
  return z.string().check(z.regex(uuidPattern, message));
}

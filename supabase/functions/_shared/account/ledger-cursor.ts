import { badRequest } from "../http/errors.ts";

/** Where a ledger page ends: the last entry's time (microseconds since the epoch) and id. */
export interface LedgerPosition {
  createdAtMicros: string;
  id: string;
}

const positionPattern = /^(\d{1,16}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * Cursors are opaque to clients. Microseconds rather than an ISO string keep Postgres' full
 * precision (a JS Date would drop it and skip or repeat entries) and make any digit string a
 * valid time, so a decoded cursor can never fail inside the database.
 */
export function encodeLedgerCursor(position: LedgerPosition): string {
  return btoa(`${position.createdAtMicros}:${position.id}`).replaceAll("+", "-").replaceAll("/", "_").replace(
    /=+$/,
    "",
  );
}

export function decodeLedgerCursor(cursor: string): LedgerPosition {
  let decoded: string;
  try {
    decoded = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    throw invalidCursor();
  }
  const match = positionPattern.exec(decoded);
  if (!match) throw invalidCursor();
  return { createdAtMicros: match[1], id: match[2] };
}

function invalidCursor() {
  return badRequest("cursor is not a cursor this endpoint returned; start again without one.", {
    parameter: "cursor",
  });
}

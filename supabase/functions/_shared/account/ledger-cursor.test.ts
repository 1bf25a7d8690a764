import assert from "node:assert/strict";
import { ApiError } from "../http/errors.ts";
import { decodeLedgerCursor, encodeLedgerCursor } from "./ledger-cursor.ts";

const position = { createdAtMicros: "1795430400123456", id: "0b6f3f2e-8c1d-4e5a-9f00-123456789abc" };

Deno.test("a ledger cursor decodes to the position it was made from", () => {
  const cursor = encodeLedgerCursor(position);
  assert.match(cursor, /^[A-Za-z0-9_-]+$/, "URL-safe without escaping");
  assert.deepEqual(decodeLedgerCursor(cursor), position);
});

Deno.test("anything but a cursor this endpoint made is a 400 naming the parameter", () => {
  const forged = (text: string) => btoa(text).replace(/=+$/, "");
  for (
    const cursor of [
      "%%%",
      "not base64!",
      forged("1795430400123456"),
      forged(`abc:${position.id}`),
      forged(`1795430400123456:not-a-uuid`),
      forged(`12345678901234567:${position.id}`),
      forged(`1795430400123456:${position.id}' or '1'='1`),
    ]
  ) {
    assert.throws(
      () => decodeLedgerCursor(cursor),
      (error: unknown) =>
        error instanceof ApiError && error.status === 400 && error.code === "VALIDATION_ERROR" &&
        error.details.parameter === "cursor",
      cursor,
    );
  }
});

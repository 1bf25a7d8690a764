import assert from "node:assert/strict";
import { findTokens, mergeTokenValues, resolvePrompt, sanitizeTokenValue } from "./personalization.ts";

const values = (record: Record<string, string>) => mergeTokenValues(record);

Deno.test("tokens are replaced by their values, case-insensitively", () => {
  const resolved = resolvePrompt("Portrait of [FIRSTNAME] from [company]", values({ firstName: "John", COMPANY: "Acme" }));
  assert.equal(resolved.text, "Portrait of John from Acme");
  assert.deepEqual(resolved.used, ["FIRSTNAME", "COMPANY"]);
  assert.deepEqual(resolved.missing, []);
});

Deno.test("a missing token without a fallback is reported by name, not turned into 'Hi ,'", () => {
  const resolved = resolvePrompt("Hi [FIRSTNAME], welcome to [COMPANY]", values({ COMPANY: "Acme" }));
  assert.deepEqual(resolved.missing, ["FIRSTNAME"]);
});

Deno.test("an empty value counts as missing", () => {
  assert.deepEqual(resolvePrompt("Hi [FIRSTNAME]", values({ FIRSTNAME: "   " })).missing, ["FIRSTNAME"]);
});

Deno.test("a fallback stands in for a missing or empty value", () => {
  const resolved = resolvePrompt("Hi [FIRSTNAME|there] at [COMPANY|your company]", values({ FIRSTNAME: "" }));
  assert.equal(resolved.text, "Hi there at your company");
  assert.deepEqual(resolved.fellBack, ["FIRSTNAME", "COMPANY"]);
  assert.deepEqual(resolved.missing, []);
});

Deno.test("an empty fallback is allowed and leaves no double space", () => {
  assert.equal(resolvePrompt("A [ADJECTIVE|] logo", values({})).text, "A logo");
});

Deno.test("a value cannot inject another token or control characters", () => {
  const resolved = resolvePrompt("Hi [FIRSTNAME]", values({ FIRSTNAME: "[COMPANY]\u0000\nEve\u202e" }));
  assert.equal(resolved.text, "Hi COMPANY Eve");
  assert.deepEqual(resolved.used, ["FIRSTNAME"]);
});

Deno.test("later sources win, but an empty later value does not erase an earlier one", () => {
  const merged = mergeTokenValues({ COMPANY: "Global Inc", CITY: "Paris" }, { company: "Row Corp", city: "" });
  assert.equal(merged.get("COMPANY"), "Row Corp");
  assert.equal(merged.get("CITY"), "Paris");
});

Deno.test("findTokens lists each token once with its fallback", () => {
  assert.deepEqual(findTokens("[A] [b|x] [A|y] [not a token] [9X]"), [
    { name: "A", fallback: undefined },
    { name: "B", fallback: "x" },
  ]);
});

Deno.test("sanitizeTokenValue bounds the length", () => {
  assert.equal(sanitizeTokenValue("x".repeat(10_000)).length, 500);
});

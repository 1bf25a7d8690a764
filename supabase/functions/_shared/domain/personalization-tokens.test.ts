import assert from "node:assert/strict";
import {
  findTokens,
  isValidTokenName,
  mergeTokenValues,
  promptProblems,
  promptSegments,
  resolvePrompt,
  sanitizeTokenValue,
} from "./personalization-tokens.ts";

const values = (record: Record<string, string>) => mergeTokenValues(record);

Deno.test("tokens are replaced by their values, case-insensitively", () => {
  const resolved = resolvePrompt(
    "Portrait of [FIRSTNAME] from [company]",
    values({ firstName: "John", COMPANY: "Acme" }),
  );
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
  const merged = mergeTokenValues({ COMPANY: "Global Inc", CITY: "Paris" }, {
    company: "Row Corp",
    city: "",
  });
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

Deno.test("isValidTokenName accepts exactly what the functions accept as a token name", () => {
  assert.equal(isValidTokenName("FIRST_NAME2"), true);
  assert.equal(isValidTokenName("city"), true);
  assert.equal(isValidTokenName("2CITY"), false);
  assert.equal(isValidTokenName("FIRST NAME"), false);
  assert.equal(isValidTokenName("A".repeat(65)), false);
});

Deno.test("promptSegments cuts the prompt into text and tokens with what each token became", () => {
  assert.deepEqual(promptSegments("Hi [NAME], from [CITY|Paris] to [COUNTRY]!", values({ name: "Ada" })), [
    { kind: "text", text: "Hi " },
    { kind: "token", name: "NAME", source: "value", text: "Ada" },
    { kind: "text", text: ", from " },
    { kind: "token", name: "CITY", source: "fallback", text: "Paris" },
    { kind: "text", text: " to " },
    { kind: "token", name: "COUNTRY", source: "missing", text: "" },
    { kind: "text", text: "!" },
  ]);
});

Deno.test("promptProblems finds nothing wrong with a usable prompt", () => {
  assert.deepEqual(promptProblems("Portrait of [FIRSTNAME|a friend]", {}), []);
  assert.deepEqual(promptProblems("x".repeat(2000), {}), []);
});

Deno.test("promptProblems names the tokens without a value or fallback", () => {
  assert.deepEqual(promptProblems("Hi [FIRSTNAME] at [COMPANY] and [FIRSTNAME]", { company: "Acme" }), [
    { kind: "missing-tokens", names: ["FIRSTNAME"] },
  ]);
});

Deno.test("promptProblems refuses a prompt that is empty, as typed or once resolved", () => {
  assert.deepEqual(promptProblems("   ", {}), [{ kind: "empty" }]);
  assert.deepEqual(promptProblems("[MOOD|]", {}), [{ kind: "empty" }]);
});

Deno.test("promptProblems refuses a prompt over 2,000 characters once resolved", () => {
  assert.deepEqual(promptProblems("[LONG] [LONG] [LONG] [LONG] [LONG]", { LONG: "y".repeat(450) }), [
    { kind: "too-long", length: 2254, maxLength: 2000 },
  ]);
});

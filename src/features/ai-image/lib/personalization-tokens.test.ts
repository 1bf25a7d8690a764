import { describe, expect, it } from "vitest";
import {
  findTokens,
  isValidTokenName,
  mergeTokenValues,
  promptProblems,
  promptSegments,
  resolvePrompt,
  sanitizeTokenValue,
} from "@/features/ai-image/lib/personalization-tokens";

const values = (record: Record<string, string>) => mergeTokenValues(record);

// The first group repeats supabase/functions/_shared/tokens/personalization.test.ts case by case:
// the preview must agree with the server.
describe("the server's token rules", () => {
  it("replaces tokens by their values, case-insensitively", () => {
    const resolved = resolvePrompt("Portrait of [FIRSTNAME] from [company]", values({ firstName: "John", COMPANY: "Acme" }));
    expect(resolved.text).toBe("Portrait of John from Acme");
    expect(resolved.used).toEqual(["FIRSTNAME", "COMPANY"]);
    expect(resolved.missing).toEqual([]);
  });

  it("reports a missing token without a fallback by name, not as 'Hi ,'", () => {
    expect(resolvePrompt("Hi [FIRSTNAME], welcome to [COMPANY]", values({ COMPANY: "Acme" })).missing).toEqual(["FIRSTNAME"]);
  });

  it("counts an empty value as missing", () => {
    expect(resolvePrompt("Hi [FIRSTNAME]", values({ FIRSTNAME: "   " })).missing).toEqual(["FIRSTNAME"]);
  });

  it("lets a fallback stand in for a missing or empty value", () => {
    const resolved = resolvePrompt("Hi [FIRSTNAME|there] at [COMPANY|your company]", values({ FIRSTNAME: "" }));
    expect(resolved.text).toBe("Hi there at your company");
    expect(resolved.fellBack).toEqual(["FIRSTNAME", "COMPANY"]);
    expect(resolved.missing).toEqual([]);
  });

  it("allows an empty fallback and leaves no double space", () => {
    expect(resolvePrompt("A [ADJECTIVE|] logo", values({})).text).toBe("A logo");
  });

  it("never lets a value inject another token or control characters", () => {
    const resolved = resolvePrompt("Hi [FIRSTNAME]", values({ FIRSTNAME: "[COMPANY]\u0000\nEve\u202e" }));
    expect(resolved.text).toBe("Hi COMPANY Eve");
    expect(resolved.used).toEqual(["FIRSTNAME"]);
  });

  it("lets later sources win, but an empty later value does not erase an earlier one", () => {
    const merged = mergeTokenValues({ COMPANY: "Global Inc", CITY: "Paris" }, { company: "Row Corp", city: "" });
    expect(merged.get("COMPANY")).toBe("Row Corp");
    expect(merged.get("CITY")).toBe("Paris");
  });

  it("finds each token once with its fallback, ignoring what is not a token", () => {
    expect(findTokens("[A] [b|x] [A|y] [not a token] [9X]")).toEqual([
      { name: "A", fallback: undefined },
      { name: "B", fallback: "x" },
    ]);
  });

  it("bounds a value's length", () => {
    expect(sanitizeTokenValue("x".repeat(10_000))).toHaveLength(500);
  });
});

describe("isValidTokenName", () => {
  it("accepts what the server accepts as a token name", () => {
    expect(isValidTokenName("FIRST_NAME2")).toBe(true);
    expect(isValidTokenName("city")).toBe(true);
    expect(isValidTokenName("2CITY")).toBe(false);
    expect(isValidTokenName("FIRST NAME")).toBe(false);
    expect(isValidTokenName("A".repeat(65))).toBe(false);
  });
});

describe("promptSegments", () => {
  it("cuts the prompt into text and tokens with what each token became", () => {
    expect(promptSegments("Hi [NAME], from [CITY|Paris] to [COUNTRY]!", values({ name: "Ada" }))).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "token", name: "NAME", source: "value", text: "Ada" },
      { kind: "text", text: ", from " },
      { kind: "token", name: "CITY", source: "fallback", text: "Paris" },
      { kind: "text", text: " to " },
      { kind: "token", name: "COUNTRY", source: "missing", text: "" },
      { kind: "text", text: "!" },
    ]);
  });
});

// The checks of image-generation/generation-request.ts preparePrompt, in the same order.
describe("promptProblems", () => {
  it("finds nothing wrong with a prompt the server takes", () => {
    expect(promptProblems("Portrait of [FIRSTNAME|a friend]", {})).toEqual([]);
  });

  it("names the tokens without a value or fallback", () => {
    expect(promptProblems("Hi [FIRSTNAME] at [COMPANY] and [FIRSTNAME]", { company: "Acme" })).toEqual([
      { kind: "missing-tokens", names: ["FIRSTNAME"] },
    ]);
  });

  it("refuses a prompt that is empty, as typed or once resolved", () => {
    expect(promptProblems("   ", {})).toEqual([{ kind: "empty" }]);
    expect(promptProblems("[MOOD|]", {})).toEqual([{ kind: "empty" }]);
  });

  it("refuses a prompt over 2,000 characters once resolved", () => {
    // The server's own example: five 450-character values make 2,254 characters.
    expect(promptProblems("[LONG] [LONG] [LONG] [LONG] [LONG]", { LONG: "y".repeat(450) })).toEqual([
      { kind: "too-long", length: 2254, maxLength: 2000 },
    ]);
    expect(promptProblems("x".repeat(2000), {})).toEqual([]);
  });
});

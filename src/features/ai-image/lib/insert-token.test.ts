import { describe, expect, it } from "vitest";
import { insertToken } from "@/features/ai-image/lib/insert-token";

describe("insertToken", () => {
  it("inserts at the caret and puts the caret after the token", () => {
    const result = insertToken("Portrait of  from Acme", { start: 12, end: 12 }, "FIRSTNAME");
    expect(result.text).toBe("Portrait of [FIRSTNAME] from Acme");
    expect(result.caret).toBe(23);
  });

  it("adds spaces where the token would run into a word", () => {
    expect(insertToken("Helloworld", { start: 5, end: 5 }, "NAME")).toEqual({
      text: "Hello [NAME] world",
      caret: 12,
    });
  });

  it("adds no space before punctuation or at the edges", () => {
    expect(insertToken("Hi !", { start: 3, end: 3 }, "NAME").text).toBe("Hi [NAME]!");
    expect(insertToken("", { start: 0, end: 0 }, "NAME")).toEqual({ text: "[NAME]", caret: 6 });
    expect(insertToken("there", { start: 0, end: 0 }, "NAME").text).toBe("[NAME] there");
  });

  it("replaces a selection, whichever way it was made", () => {
    expect(insertToken("Hi NAME, welcome", { start: 7, end: 3 }, "FIRSTNAME").text).toBe(
      "Hi [FIRSTNAME], welcome",
    );
  });

  it("keeps positions outside the text inside it", () => {
    expect(insertToken("Hi", { start: 50, end: 80 }, "NAME").text).toBe("Hi [NAME]");
  });
});

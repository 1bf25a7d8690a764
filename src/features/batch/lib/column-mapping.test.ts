import { describe, expect, it } from "vitest";
import {
  defaultMapping,
  globalTokenValues,
  mappingProblems,
  suggestedToken,
  unfedTokens,
} from "@/features/batch/lib/column-mapping";

describe("column mapping", () => {
  it("names a column's token the way the server does", () => {
    expect(suggestedToken("First name")).toBe("FIRST_NAME");
    expect(suggestedToken("  e-mail ")).toBe("E_MAIL");
    expect(suggestedToken("2nd city")).toBe("ND_CITY");
    expect(defaultMapping(["firstname", "Company"])).toEqual({ firstname: "FIRSTNAME", Company: "COMPANY" });
  });

  it("lists tokens fed by no column, global value or fallback", () => {
    const prompt = "[FIRSTNAME] at [COMPANY] in [CITY] for [EVENT|the launch]";
    expect(unfedTokens(prompt, { firstname: "FIRSTNAME", company: "" }, [])).toEqual(["COMPANY", "CITY"]);
    expect(
      unfedTokens(prompt, { firstname: "FIRSTNAME" }, [{ name: "company", value: "Acme" }, {
        name: "CITY",
        value: " ",
      }]),
    )
      .toEqual(["CITY"]);
  });

  it("sends only complete global tokens and flags bad names", () => {
    const globals = [{ name: "CITY", value: "Paris" }, { name: "EVENT", value: "" }, {
      name: "bad name",
      value: "x",
    }];
    expect(globalTokenValues(globals)).toEqual({ CITY: "Paris" });
    expect(mappingProblems({ a: "OK", b: "", c: "1BAD" }, globals)).toEqual([
      '"1BAD" (column c) is not a token name: use letters, digits and _.',
      '"bad name" is not a token name: use letters, digits and _.',
    ]);
  });
});

describe("defaultMapping with the prompt's tokens", () => {
  it("feeds the token the prompt uses, whatever the header's case, _, - or spaces", () => {
    expect(
      defaultMapping(["first_name", "Company-Name", "job title", "city"], [
        "FIRSTNAME",
        "COMPANYNAME",
        "JOB_TITLE",
      ]),
    ).toEqual({
      first_name: "FIRSTNAME",
      "Company-Name": "COMPANYNAME",
      "job title": "JOB_TITLE",
      city: "CITY",
    });
  });

  it("names a column the server's way when the prompt has no matching token", () => {
    expect(defaultMapping(["first_name"], ["COMPANY"])).toEqual({ first_name: "FIRST_NAME" });
  });
});

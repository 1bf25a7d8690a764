import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPathReturningTo } from "@/lib/return-to";

describe("safeReturnPath", () => {
  it("keeps paths inside the app", () => {
    expect(safeReturnPath("/account?tab=ledger#top")).toBe("/account?tab=ledger#top");
  });

  it("refuses other sites and odd values", () => {
    expect(safeReturnPath("https://evil.example/")).toBe("/account");
    expect(safeReturnPath("//evil.example/")).toBe("/account");
    expect(safeReturnPath("/\\evil.example/")).toBe("/account");
    expect(safeReturnPath("account")).toBe("/account");
    expect(safeReturnPath(null, "/")).toBe("/");
  });
});

describe("signInPathReturningTo", () => {
  it("encodes the path so its own query survives", () => {
    expect(signInPathReturningTo("/account?tab=ledger")).toBe("/sign-in?next=%2Faccount%3Ftab%3Dledger");
  });
});

import { describe, expect, it } from "vitest";
import { isLocalPlatform } from "@/features/auth/lib/local-platform";

describe("isLocalPlatform", () => {
  it("knows the local platform by its loopback address", () => {
    expect(isLocalPlatform("http://127.0.0.1:54321")).toBe(true);
    expect(isLocalPlatform("http://localhost:54321")).toBe(true);
    expect(isLocalPlatform("http://[::1]:54321")).toBe(true);
  });

  it("treats a hosted project as mailing its links", () => {
    expect(isLocalPlatform("https://abc.supabase.co")).toBe(false);
    expect(isLocalPlatform("https://localhost.example.com")).toBe(false);
  });
});

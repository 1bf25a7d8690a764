import { describe, expect, it } from "vitest";
import { InvalidEnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("returns the Supabase URL without a trailing slash and the anon key", () => {
    expect(parseEnv({ VITE_SUPABASE_URL: "https://abc.supabase.co/", VITE_SUPABASE_ANON_KEY: " key " }))
      .toEqual({
        supabaseUrl: "https://abc.supabase.co",
        supabaseAnonKey: "key",
      });
  });

  it("accepts the local platform's http URL", () => {
    expect(parseEnv({ VITE_SUPABASE_URL: "http://127.0.0.1:54321", VITE_SUPABASE_ANON_KEY: "k" }).supabaseUrl)
      .toBe("http://127.0.0.1:54321");
  });

  it("names every missing setting in one error", () => {
    let thrown: unknown;
    try {
      parseEnv({});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidEnvError);
    const problems = (thrown as InvalidEnvError).problems;
    expect(problems).toHaveLength(2);
    expect(problems.join(" ")).toMatch(/VITE_SUPABASE_URL/);
    expect(problems.join(" ")).toMatch(/VITE_SUPABASE_ANON_KEY/);
  });

  it("rejects a URL that is not http(s) and a blank key", () => {
    expect(() => parseEnv({ VITE_SUPABASE_URL: "ftp://example.com", VITE_SUPABASE_ANON_KEY: "   " }))
      .toThrow(/VITE_SUPABASE_URL must be the http\(s\) URL.*VITE_SUPABASE_ANON_KEY must not be empty/);
  });
});

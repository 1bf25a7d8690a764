import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { SiteFooter } from "@/app/layout/site-footer";
import { renderWithProviders, testSession } from "@/testing/render";

describe("SiteFooter", () => {
  it("offers a new visitor an account", () => {
    renderWithProviders(<SiteFooter />);
    expect(screen.getByRole("link", { name: "Create an account" })).toBeTruthy();
  });

  it("does not offer an account to someone signed in", async () => {
    renderWithProviders(<SiteFooter />, { session: testSession() });
    await waitFor(() => expect(screen.getByRole("link", { name: "Account" })).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole("link", { name: "Create an account" })).toBeNull();
  });
});

import { screen, waitFor } from "@testing-library/react";
import { Route } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { RequireAuth } from "@/app/routes/require-auth";
import { renderWithProviders, testSession } from "@/testing/render";

const protectedRoutes = (
  <Route element={<RequireAuth />}>
    <Route path="/account" element={<p>Account content</p>} />
  </Route>
);

describe("RequireAuth", () => {
  it("sends a signed-out visitor to sign in, remembering the page", async () => {
    renderWithProviders(<p>Sign-in page</p>, {
      route: "/account?tab=ledger",
      path: "/sign-in",
      extraRoutes: protectedRoutes,
    });

    await waitFor(() =>
      expect(screen.getByTestId("location").textContent).toBe("/sign-in?next=%2Faccount%3Ftab%3Dledger")
    );
    expect(screen.queryByText("Account content")).toBeNull();
  });

  it("shows the page to a signed-in person once the session is restored", async () => {
    renderWithProviders(<p>Sign-in page</p>, {
      route: "/account",
      path: "/sign-in",
      extraRoutes: protectedRoutes,
      session: testSession(),
    });

    expect(await screen.findByText("Account content")).toBeTruthy();
    expect(screen.getByTestId("location").textContent).toBe("/account");
  });
});

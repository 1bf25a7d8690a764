import { AuthApiError } from "@supabase/supabase-js";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import SignInPage from "@/features/auth/sign-in-page";
import { renderWithProviders, testSession } from "@/testing/render";

const signInWithPassword = vi.hoisted(() => vi.fn());
vi.mock("@/lib/supabase", () => ({ supabase: { auth: { signInWithPassword } } }));

describe("SignInPage", () => {
  it("names each missing field and focuses the first one", async () => {
    const user = userEvent.setup();
    renderWithProviders(<SignInPage />, { route: "/sign-in" });

    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const email = screen.getByLabelText("Email");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(email);
    expect(screen.getByText("Enter your email address.")).toBeTruthy();
    expect(screen.getByText("Enter your password.")).toBeTruthy();
    expect(signInWithPassword).not.toHaveBeenCalled();
  });

  it("says clearly when the email and password don't match", async () => {
    signInWithPassword.mockResolvedValue({
      data: { session: null, user: null },
      error: new AuthApiError("Invalid login credentials", 400, "invalid_credentials"),
    });
    const user = userEvent.setup();
    renderWithProviders(<SignInPage />, { route: "/sign-in" });

    await user.type(screen.getByLabelText("Email"), "ada@example.com");
    await user.type(screen.getByLabelText("Password"), "wrong-password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/That email and password don't match an account/);
    expect(signInWithPassword).toHaveBeenCalledWith({ email: "ada@example.com", password: "wrong-password" });
  });

  it("sends a signed-in person back to where they came from", async () => {
    renderWithProviders(<SignInPage />, {
      route: "/sign-in?next=%2Faccount%3Ftab%3Dledger",
      session: testSession(),
    });

    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/account?tab=ledger"));
  });

  it("does not follow a return address to another site", async () => {
    renderWithProviders(<SignInPage />, {
      route: "/sign-in?next=https%3A%2F%2Fevil.example",
      session: testSession(),
    });

    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/account"));
  });
});

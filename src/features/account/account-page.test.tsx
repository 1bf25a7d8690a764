import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import AccountPage from "@/features/account/account-page";
import type { AccountOverview as Account } from "@domain/contracts/account";
import { NetworkError, ServerError, ValidationError } from "@/lib/function-errors";
import { renderWithProviders, testSession } from "@/testing/render";

const invokeFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
const updateUser = vi.hoisted(() => vi.fn(async () => ({ data: {}, error: null })));
vi.mock("@/lib/supabase", () => ({ supabase: { auth: { updateUser } } }));

function accountPage(
  overrides: { entries?: Account["ledger"]["entries"]; nextCursor?: string | null; balance?: number } = {},
) {
  return {
    profile: {
      id: "user-1",
      email: "ada@example.com",
      displayName: "Ada Lovelace",
      avatarUrl: null,
      role: "user",
      createdAt: "2026-11-23T12:00:00Z",
    },
    credits: { balance: overrides.balance ?? 100 },
    ledger: {
      entries: overrides.entries ?? [
        {
          id: "e1",
          amount: 100,
          reason: "signup_bonus",
          description: "Welcome bonus",
          createdAt: "2026-11-23T12:00:00Z",
        },
      ],
      nextCursor: overrides.nextCursor ?? null,
    },
  };
}

const renderAccount = () =>
  renderWithProviders(<AccountPage />, { route: "/account", session: testSession() });

describe("AccountPage", () => {
  beforeEach(() => {
    invokeFunction.mockReset();
  });

  it("shows the profile, role, balance and ledger", async () => {
    invokeFunction.mockResolvedValue(accountPage());
    renderAccount();

    expect(screen.getByRole("status", { name: "Loading your account" })).toBeTruthy();
    expect((await screen.findByTestId("credit-balance")).textContent).toBe("100");
    expect(screen.getAllByText("Ada Lovelace").length).toBeGreaterThan(0);
    expect(screen.getByText("Member")).toBeTruthy();
    const history = screen.getByRole("list", { name: "Credit history" });
    expect(within(history).getByText("Welcome credits")).toBeTruthy();
    expect(within(history).getByText("+100")).toBeTruthy();
    expect(screen.getByText("That's all your credit history.")).toBeTruthy();
    expect(invokeFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: "account", method: "GET", query: { limit: 20, cursor: null } }),
    );
  });

  it("loads older ledger entries with the cursor", async () => {
    invokeFunction
      .mockResolvedValueOnce(accountPage({ nextCursor: "page-2" }))
      .mockResolvedValueOnce(
        accountPage({
          entries: [{
            id: "e0",
            amount: -4,
            reason: "generation",
            description: null,
            createdAt: "2026-11-22T09:00:00Z",
          }],
        }),
      );
    const user = userEvent.setup();
    renderAccount();

    await user.click(await screen.findByRole("button", { name: "Load more" }));

    expect(await screen.findByText("Image generation")).toBeTruthy();
    expect(screen.getByText("-4")).toBeTruthy();
    expect(invokeFunction).toHaveBeenLastCalledWith(
      expect.objectContaining({ query: { limit: 20, cursor: "page-2" } }),
    );
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("explains an empty ledger", async () => {
    invokeFunction.mockResolvedValue(accountPage({ entries: [], balance: 0 }));
    renderAccount();

    expect(await screen.findByText("No credit activity yet")).toBeTruthy();
  });

  it("offers a retry when the account can't be loaded, and recovers", async () => {
    invokeFunction
      .mockRejectedValueOnce(
        new ServerError("account", 503, "INTERNAL_ERROR", "Something went wrong on our side."),
      )
      .mockResolvedValueOnce(accountPage({ balance: 42 }));
    const user = userEvent.setup();
    renderAccount();

    expect(await screen.findByText(/Couldn't load your account/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Try again" }));

    expect((await screen.findByTestId("credit-balance")).textContent).toBe("42");
  });

  it("says so when the failure is the connection", async () => {
    invokeFunction.mockRejectedValue(new NetworkError("account"));
    renderAccount();

    expect(await screen.findByText("Can't reach Personify")).toBeTruthy();
  });

  it("changes the display name, checking it first", async () => {
    const loaded = accountPage();
    invokeFunction.mockImplementation(async (
      { method, body }: { method: string; body?: { displayName: string } },
    ) => method === "PATCH" ? { profile: { ...loaded.profile, displayName: body?.displayName } } : loaded);
    const user = userEvent.setup();
    renderAccount();

    await user.click(await screen.findByRole("button", { name: "Change display name" }));
    const field = screen.getByLabelText("Display name");
    expect((field as HTMLInputElement).value).toBe("Ada Lovelace");
    await user.clear(field);
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByText("Enter the name you'd like to be called.")).toBeTruthy();

    await user.type(field, "Countess Ada");
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("Hi Countess Ada — here's your profile and credits.")).toBeTruthy();
    expect(screen.queryByLabelText("Display name")).toBeNull();
    expect(invokeFunction).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: "account", method: "PATCH", body: { displayName: "Countess Ada" } }),
    );
    expect(updateUser).toHaveBeenLastCalledWith({ data: { display_name: "Countess Ada" } });
  });

  it("shows the function's verdict on a refused name next to the field", async () => {
    invokeFunction.mockImplementation(async ({ method }: { method: string }) => {
      if (method !== "PATCH") return accountPage();
      throw new ValidationError("account", 400, "VALIDATION_ERROR", "Check the name.", {
        fields: { displayName: "That name is taken by a reserved word." },
      });
    });
    const user = userEvent.setup();
    renderAccount();

    await user.click(await screen.findByRole("button", { name: "Change display name" }));
    await user.click(screen.getByRole("button", { name: "Save" }));

    expect(await screen.findByText("That name is taken by a reserved word.")).toBeTruthy();
    expect(screen.getByLabelText("Display name").getAttribute("aria-invalid")).toBe("true");
  });
});

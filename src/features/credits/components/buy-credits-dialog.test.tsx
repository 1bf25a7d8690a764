import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import BuyCreditsDialog from "@/features/credits/components/buy-credits-dialog";
import { ServerError } from "@/lib/function-errors";
import { renderWithProviders, testSession } from "@/testing/render";

const invokeFunction = vi.hoisted(() => vi.fn());
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));

beforeAll(() => {
  // jsdom has no modal dialogs; the browser's own behaviour is covered by the browser test.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
});

const purchase = {
  kind: "credits",
  id: "purchase-1",
  amount: 500,
  currency: "usd",
  status: "paid",
  createdAt: "2026-12-04T01:00:00Z",
  paidAt: "2026-12-04T01:00:05Z",
  paymentIntentId: "pi_test_1",
  packId: "starter",
  credits: 100,
};

function overview({ balance, paid }: { balance: number; paid: boolean }) {
  return {
    profile: {
      id: "user-1",
      email: "ada@example.com",
      displayName: "Ada",
      avatarUrl: null,
      role: "user",
      createdAt: "2026-11-23T12:00:00Z",
    },
    credits: { balance },
    ledger: { entries: [], nextCursor: null },
    payments: paid ? [purchase] : [],
  };
}

const intent = {
  paymentIntentId: "pi_test_1",
  clientSecret: "pi_test_1_secret_x",
  amount: 500,
  currency: "usd",
  testMode: true,
  publishableKeyRequired: false,
  purchaseId: "purchase-1",
  packId: "starter",
  credits: 100,
};

/** The platform: the balance grows only once the test payment was confirmed. */
function answerCalls({ createFails = false } = {}) {
  let paid = false;
  invokeFunction.mockImplementation(async ({ name, body }: { name: string; body?: unknown }) => {
    if (name === "account") return overview({ balance: paid ? 100 : 0, paid });
    if (name === "create-payment-intent/credits") {
      if (createFails) throw new ServerError("create-payment-intent", 500, "INTERNAL", "Stripe is down.");
      return intent;
    }
    if (name === "create-payment-intent/test-confirm") {
      expect(body).toEqual({ paymentIntentId: "pi_test_1" });
      paid = true;
      return { status: "succeeded" };
    }
    throw new Error(`unexpected call ${name}`);
  });
}

function renderDialog() {
  const onClose = vi.fn();
  const resume = vi.fn();
  const onPaid = vi.fn();
  const rendered = renderWithProviders(
    <BuyCreditsDialog
      offer={{
        message: "Out of credits: row 101 needs 1.",
        resume: { label: "Resume batch", run: resume },
        onPaid,
      }}
      onClose={onClose}
    />,
    { session: testSession() },
  );
  return { ...rendered, onClose, resume, onPaid };
}

beforeEach(() => {
  invokeFunction.mockReset();
});

describe("BuyCreditsDialog", () => {
  it("buys a pack by test payment, refreshes the balance and resumes with one click", async () => {
    answerCalls();
    const { queryClient, onClose, resume, onPaid } = renderDialog();
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    const dialog = screen.getByRole("dialog", { name: "Add credits" });
    expect(within(dialog).getByText("Out of credits: row 101 needs 1.")).toBeTruthy();
    expect(await within(dialog).findByText("0 credits")).toBeTruthy();
    expect(within(dialog).getByText("$0.025 per credit")).toBeTruthy();

    await userEvent.click(within(dialog).getByRole("button", { name: "Buy for $5.00" }));
    expect(await within(dialog).findByText("Test payment — no card is charged")).toBeTruthy();
    expect(invokeFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: "create-payment-intent/credits", body: { packId: "starter" } }),
    );
    await userEvent.click(within(dialog).getByRole("button", { name: "Complete test payment" }));

    expect(await within(dialog).findByText("100 credits added")).toBeTruthy();
    expect(within(dialog).getByTestId("purchase-balance").textContent).toBe("100");
    expect(invokeFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: "create-payment-intent/test-confirm" }),
    );
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["account"] });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ["credit-balance"] });
    expect(queryClient.getQueryData(["credit-balance"])).toBe(100);
    expect(onPaid).toHaveBeenCalledTimes(1);

    await userEvent.click(within(dialog).getByRole("button", { name: "Resume batch" }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(resume).toHaveBeenCalledTimes(1);
  });

  it("says why an intent could not be made and keeps the packs to try again", async () => {
    answerCalls({ createFails: true });
    const { onPaid } = renderDialog();
    const dialog = screen.getByRole("dialog", { name: "Add credits" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Buy for $20.00" }));

    const alert = await within(dialog).findByRole("alert");
    expect(alert.textContent).toContain("Stripe is down.");
    expect(within(dialog).getByRole("list", { name: "Credit packs" })).toBeTruthy();
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    await waitFor(() =>
      expect(invokeFunction.mock.calls.filter(([call]) => call.name === "create-payment-intent/credits"))
        .toHaveLength(2)
    );
    expect(onPaid).not.toHaveBeenCalled();
  });

  it("closes on Escape without buying", async () => {
    answerCalls();
    const { onClose } = renderDialog();
    const dialog = screen.getByRole("dialog", { name: "Add credits" });
    dialog.dispatchEvent(new Event("cancel", { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(invokeFunction.mock.calls.some(([call]) => call.name.startsWith("create-payment-intent"))).toBe(
      false,
    );
  });
});

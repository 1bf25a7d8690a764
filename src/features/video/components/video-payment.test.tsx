import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VideoPayment } from "@/features/video/components/video-payment";
import { renderWithProviders, testSession } from "@/testing/render";

const invokeFunction = vi.hoisted(() => vi.fn());
const showErrorToast = vi.hoisted(() => vi.fn());
const env = vi.hoisted(() => ({
  supabaseUrl: "http://platform",
  supabaseAnonKey: "anon",
  stripePublishableKey: undefined as string | undefined,
}));
vi.mock("@/lib/invoke-function", () => ({ invokeFunction }));
vi.mock("@/lib/error-toast", () => ({ showErrorToast }));
vi.mock("@/lib/env", () => ({ env }));
// Stripe.js comes from Stripe's servers; the checkout's own test covers what it does with it.
vi.mock("@/components/payments/stripe-checkout", () => ({
  default: (props: { publishableKey: string; clientSecret: string; priceLabel: string }) => (
    <p data-testid="stripe-checkout">{`${props.publishableKey} ${props.clientSecret} ${props.priceLabel}`}</p>
  ),
}));

const videoId = "9a7e0c11-0000-4000-8000-000000000002";

function intent(testMode: boolean) {
  return {
    paymentIntentId: "pi_1",
    clientSecret: "pi_1_secret_2",
    amount: 150,
    currency: "usd",
    testMode,
    publishableKeyRequired: !testMode,
  };
}

function renderPayment(onPaid = vi.fn()) {
  renderWithProviders(
    <VideoPayment videoId={videoId} amount={150} currency="usd" resolution="1080p" onPaid={onPaid} />,
    { session: testSession() },
  );
  return onPaid;
}

beforeEach(() => {
  invokeFunction.mockReset();
  showErrorToast.mockReset();
  env.stripePublishableKey = undefined;
});

describe("VideoPayment", () => {
  it("shows the price first and asks for the intent only when the person chooses to pay", async () => {
    invokeFunction.mockResolvedValue(intent(true));
    renderPayment();
    expect(screen.getByTestId("video-price").textContent).toBe("$1.50");
    expect(screen.getByRole("heading", { name: "Full 1080p video, no watermark" })).toBeTruthy();
    expect(invokeFunction).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Pay $1.50" }));
    expect(await screen.findByText("Test payment — no card is charged")).toBeTruthy();
    expect(invokeFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: "create-payment-intent", body: { videoId } }),
    );
  });

  it("with real keys, hands the intent's client secret to Stripe Elements, loaded on demand", async () => {
    env.stripePublishableKey = "pk_test_123";
    invokeFunction.mockResolvedValue(intent(false));
    renderPayment();
    await userEvent.click(screen.getByRole("button", { name: "Pay $1.50" }));
    expect((await screen.findByTestId("stripe-checkout")).textContent).toBe(
      "pk_test_123 pi_1_secret_2 $1.50",
    );
    expect(screen.queryByText(/Test payment/)).toBeNull();
  });

  it("says so when the server takes real payments but the build has no publishable key", async () => {
    invokeFunction.mockResolvedValue(intent(false));
    renderPayment();
    await userEvent.click(screen.getByRole("button", { name: "Pay $1.50" }));
    expect((await screen.findByRole("alert")).textContent).toContain("VITE_STRIPE_PUBLISHABLE_KEY");
    expect(screen.queryByTestId("stripe-checkout")).toBeNull();
  });

  it("reports a failed test payment and leaves the button to try again", async () => {
    invokeFunction.mockImplementation(async (call: { name: string }) => {
      if (call.name === "create-payment-intent") return intent(true);
      throw new Error("the webhook refused it");
    });
    const onPaid = renderPayment();
    await userEvent.click(screen.getByRole("button", { name: "Pay $1.50" }));
    await userEvent.click(await screen.findByRole("button", { name: "Complete test payment" }));
    await waitFor(() => expect(showErrorToast).toHaveBeenCalledTimes(1));
    expect(onPaid).not.toHaveBeenCalled();
    expect((screen.getByRole("button", { name: "Complete test payment" }) as HTMLButtonElement).disabled)
      .toBe(false);
  });
});

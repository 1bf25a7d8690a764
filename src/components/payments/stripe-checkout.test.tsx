import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import StripeCheckout from "@/components/payments/stripe-checkout";

const confirmPayment = vi.hoisted(() => vi.fn());
const loadStripe = vi.hoisted(() => vi.fn());
const elementsProps = vi.hoisted(() => [] as unknown[]);
const showErrorToast = vi.hoisted(() => vi.fn());
const elements = { id: "elements" };
vi.mock("@/lib/error-toast", () => ({ showErrorToast }));
vi.mock("@stripe/stripe-js", () => ({ loadStripe }));
vi.mock("@stripe/react-stripe-js", () => ({
  Elements: (props: { children: ReactNode; options: unknown }) => {
    elementsProps.push(props.options);
    return props.children;
  },
  PaymentElement: () => <div data-testid="payment-element" />,
  useStripe: () => ({ confirmPayment }),
  useElements: () => elements,
}));

beforeEach(() => {
  confirmPayment.mockReset();
  showErrorToast.mockReset();
  loadStripe.mockResolvedValue({});
  elementsProps.length = 0;
});

function renderCheckout(onPaid = vi.fn()) {
  render(
    <StripeCheckout
      publishableKey="pk_test_abc"
      clientSecret="pi_9_secret_x"
      priceLabel="$1.00"
      onPaid={onPaid}
    />,
  );
  return onPaid;
}

describe("StripeCheckout", () => {
  it("confirms with the Payment Element and stays on the page unless the method needs a redirect", async () => {
    confirmPayment.mockResolvedValue({ paymentIntent: { status: "succeeded" } });
    const onPaid = renderCheckout();
    expect(screen.getByTestId("payment-element")).toBeTruthy();
    expect(elementsProps[0]).toEqual({ clientSecret: "pi_9_secret_x" });
    expect(loadStripe).toHaveBeenCalledWith("pk_test_abc");
    await userEvent.click(screen.getByRole("button", { name: "Pay $1.00" }));
    await waitFor(() => expect(onPaid).toHaveBeenCalledTimes(1));
    expect(confirmPayment).toHaveBeenCalledWith({
      elements,
      redirect: "if_required",
      confirmParams: { return_url: window.location.href },
    });
  });

  it("shows Stripe's reason when the card is declined, and does not report a payment", async () => {
    confirmPayment.mockResolvedValue({ error: { message: "Your card was declined." } });
    const onPaid = renderCheckout();
    await userEvent.click(screen.getByRole("button", { name: "Pay $1.00" }));
    await waitFor(() => expect(showErrorToast).toHaveBeenCalledTimes(1));
    expect((showErrorToast.mock.calls[0]?.[0] as Error).message).toBe("Your card was declined.");
    expect(onPaid).not.toHaveBeenCalled();
  });
});

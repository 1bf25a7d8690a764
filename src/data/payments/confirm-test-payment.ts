import { useMutation } from "@tanstack/react-query";
import { testPaymentConfirmed } from "@domain/contracts/create-payment-intent";
import { invokeFunction } from "@/lib/invoke-function";

/**
 * POST /functions/v1/create-payment-intent/test-confirm: test-payment mode only. The server signs a
 * payment_intent.succeeded event and settles it through the webhook's own code.
 */
export async function confirmTestPayment({ paymentIntentId }: { paymentIntentId: string }) {
  return await invokeFunction({
    name: "create-payment-intent/test-confirm",
    body: { paymentIntentId },
    schema: testPaymentConfirmed,
  });
}

export function useConfirmTestPayment() {
  return useMutation({ mutationFn: confirmTestPayment });
}

import { useMutation } from "@tanstack/react-query";
import { creditPaymentIntent } from "@domain/contracts/create-payment-intent";
import { invokeFunction } from "@/lib/invoke-function";

/**
 * POST /functions/v1/create-payment-intent/credits: a pending purchase of the pack and its intent
 * (the same one again while it is still pending). Nothing is credited until the webhook settles it.
 */
export async function createCreditPayment({ packId }: { packId: string }) {
  return await invokeFunction({
    name: "create-payment-intent/credits",
    body: { packId },
    schema: creditPaymentIntent,
  });
}

export function useCreateCreditPayment() {
  return useMutation({ mutationFn: createCreditPayment });
}

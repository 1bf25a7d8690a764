import { useMutation } from "@tanstack/react-query";
import { paymentIntent } from "@domain/contracts/create-payment-intent";
import { invokeFunction } from "@/lib/invoke-function";

/** POST /functions/v1/create-payment-intent: one intent per video, however often it is asked for. */
export async function createPaymentIntent({ videoId }: { videoId: string }) {
  return await invokeFunction({ name: "create-payment-intent", body: { videoId }, schema: paymentIntent });
}

export function useCreatePaymentIntent() {
  return useMutation({ mutationFn: createPaymentIntent });
}

import { useMutation } from "@tanstack/react-query";
import * as z from "zod/mini";
import { invokeFunction } from "@/lib/invoke-function";

const paymentIntentSchema = z.object({
  paymentIntentId: z.string(),
  clientSecret: z.string(),
  /** Cents of `currency`. */
  amount: z.number(),
  currency: z.string(),
  /** No Stripe keys on the server: the payment is settled locally and no card is charged. */
  testMode: z.boolean(),
  publishableKeyRequired: z.boolean(),
});
export type PaymentIntent = z.infer<typeof paymentIntentSchema>;

/** POST /functions/v1/create-payment-intent: one intent per video, however often it is asked for. */
export async function createPaymentIntent({ videoId }: { videoId: string }) {
  return await invokeFunction({ name: "create-payment-intent", body: { videoId }, schema: paymentIntentSchema });
}

export function useCreatePaymentIntent() {
  return useMutation({ mutationFn: createPaymentIntent });
}

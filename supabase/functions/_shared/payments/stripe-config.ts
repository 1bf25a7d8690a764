/**
 * Which payments this deployment takes, from its settings: real Stripe when STRIPE_SECRET_KEY is
 * set, otherwise the clearly labelled test-payment mode (DESIGN.md §8) whose events are signed with
 * a local webhook secret and settled by the same webhook code.
 */
import Stripe from "stripe";
import { ApiError } from "../http/errors.ts";
import { log } from "../log.ts";
import type { Runtime } from "../runtime.ts";

export type PaymentsMode = "stripe" | "test";

export function paymentsMode(env: Runtime["env"]): PaymentsMode {
  return env("STRIPE_SECRET_KEY") ? "stripe" : "test";
}

/** STRIPE_API_URL (a local fake in tests) replaces api.stripe.com; the library's own request format is kept. */
export function stripeClient(env: Runtime["env"]): Stripe {
  const secretKey = env("STRIPE_SECRET_KEY");
  if (!secretKey) throw new Error("STRIPE_SECRET_KEY is not set");
  const apiUrl = env("STRIPE_API_URL");
  const base = apiUrl ? new URL(apiUrl) : undefined;
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
        host: base.hostname,
        port: base.port || (base.protocol === "http:" ? 80 : 443),
        protocol: base.protocol === "http:" ? "http" : "https",
      }
      : {}),
  });
}

export const stripeCrypto = Stripe.createSubtleCryptoProvider();

/**
 * The secret Stripe signs webhook events with. In test-payment mode with no STRIPE_WEBHOOK_SECRET,
 * one derived from the service role key, so the function that signs test events and the webhook that
 * verifies them agree without another setting, and nobody without that key can forge one.
 */
export async function webhookSecret(env: Runtime["env"]): Promise<string> {
  const configured = env("STRIPE_WEBHOOK_SECRET");
  if (configured) return configured;
  if (paymentsMode(env) === "stripe") {
    log.error("STRIPE_WEBHOOK_SECRET is not set while STRIPE_SECRET_KEY is: webhooks cannot be verified");
    throw new ApiError(500, "INTERNAL_ERROR", "Stripe webhooks are not configured on this server.");
  }
  const serviceKey = env("SUPABASE_SERVICE_ROLE_KEY");
  if (!serviceKey) throw new Error("SUPABASE_SERVICE_ROLE_KEY is not set");
  return `whsec_localtest_${await hmacSha256Hex(serviceKey, "personify:test-payments:webhook-secret")}`;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return hex(new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message))));
}

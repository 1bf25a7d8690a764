import * as z from "zod/mini";

/** The build-time settings the SPA needs, read and checked here and nowhere else. */
export interface Env {
  supabaseUrl: string;
  supabaseAnonKey: string;
  /** Stripe's publishable key: card payments need it once the server has real Stripe keys. */
  stripePublishableKey?: string;
}

const envSchema = z.object({
  VITE_SUPABASE_URL: z.url({
    protocol: /^https?$/,
    error: "VITE_SUPABASE_URL must be the http(s) URL of the Supabase project or the local platform",
  }),
  VITE_SUPABASE_ANON_KEY: z.string({ error: "VITE_SUPABASE_ANON_KEY is missing" }).check(
    z.trim(),
    z.minLength(1, "VITE_SUPABASE_ANON_KEY must not be empty"),
  ),
  VITE_STRIPE_PUBLISHABLE_KEY: z.optional(z.string().check(z.trim())),
});

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Personify is not configured: ${problems.join("; ")}. ` +
        "`npm run dev` writes these to .env.local; for a build, set them in the environment.",
    );
    this.name = "InvalidEnvError";
  }
}

export function parseEnv(source: Record<string, unknown>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) throw new InvalidEnvError(result.error.issues.map((issue) => issue.message));
  return {
    supabaseUrl: result.data.VITE_SUPABASE_URL.replace(/\/+$/, ""),
    supabaseAnonKey: result.data.VITE_SUPABASE_ANON_KEY,
    stripePublishableKey: result.data.VITE_STRIPE_PUBLISHABLE_KEY || undefined,
  };
}

export const env: Env = parseEnv(import.meta.env);

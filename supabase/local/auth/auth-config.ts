import { parse as parseToml } from "smol-toml";
import type { ServiceContext } from "../services.ts";

/** The `[auth]` settings of supabase/config.toml that the local auth server honours. */
export interface AuthConfig {
  siteUrl: string;
  jwtExpirySeconds: number;
  /** `[auth] enable_signup` */
  signupEnabled: boolean;
  /** `[auth.email] enable_signup`: GoTrue's switch for the whole email provider, sign-in included. */
  emailProviderEnabled: boolean;
  minimumPasswordLength: number;
}

interface AuthToml {
  auth?: {
    site_url?: string;
    jwt_expiry?: number;
    enable_signup?: boolean;
    minimum_password_length?: number;
    email?: { enable_signup?: boolean };
  };
}

const configFile = new URL("../../config.toml", import.meta.url);

/** Defaults are the Supabase CLI's, for keys config.toml leaves out. */
export function loadAuthConfig(): AuthConfig {
  const auth = (parseToml(Deno.readTextFileSync(configFile)) as AuthToml).auth ?? {};
  return {
    siteUrl: auth.site_url ?? "http://127.0.0.1:3000",
    jwtExpirySeconds: auth.jwt_expiry ?? 3600,
    signupEnabled: auth.enable_signup ?? true,
    emailProviderEnabled: auth.email?.enable_signup ?? true,
    minimumPasswordLength: auth.minimum_password_length ?? 6,
  };
}

/** What every auth endpoint works with. */
export interface AuthDeps {
  context: ServiceContext;
  config: AuthConfig;
}

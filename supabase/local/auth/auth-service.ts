import { createRouter, type RequestContext } from "../../functions/_shared/http/router.ts";
import { log } from "../../functions/_shared/log.ts";
import type { ServiceContext, ServiceHandler } from "../services.ts";
import { type AuthConfig, type AuthDeps, loadAuthConfig } from "./auth-config.ts";
import { AuthError, authErrorResponse, unexpectedFailure } from "./auth-errors.ts";
import { recover } from "./recover.ts";
import { signup } from "./signup.ts";
import { token } from "./token-grants.ts";
import { getUser, logout, updateUser } from "./user-endpoints.ts";

type Endpoint = (deps: AuthDeps, request: Request, url: URL) => Promise<Response>;

/** GoTrue's /settings for what config.toml enables: email with password, nothing else. */
function settings(config: AuthConfig) {
  const external = Object.fromEntries(
    (
      "anonymous_users apple azure bitbucket discord facebook snapchat figma fly github gitlab google keycloak " +
      "kakao linkedin linkedin_oidc notion spotify slack slack_oidc workos twitch twitter email phone zoom"
    ).split(" ").map((provider) => [provider, provider === "email" && config.emailProviderEnabled]),
  );
  return {
    external,
    disable_signup: !config.signupEnabled,
    mailer_autoconfirm: true,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: false,
  };
}

/**
 * `/auth/v1`: the part of Supabase Auth (GoTrue) the app uses — email sign-up and password
 * sign-in, refresh-token rotation, the user, sign-out, password-reset requests and the JWKS —
 * with GoTrue's paths, bodies and errors, so that the unmodified supabase-js works against it.
 */
export function createAuthService(context: ServiceContext): ServiceHandler {
  const deps: AuthDeps = { context, config: loadAuthConfig() };
  const endpoint = (run: Endpoint) => ({
    handle: ({ request, url }: RequestContext) => run(deps, request, url),
  });
  const router = createRouter({
    basePath: "/auth/v1",
    notFound: ({ url }) => new AuthError(404, "not_found", `Nothing is served at ${url.pathname}`),
    methodNotAllowed: ({ url }, allowed) =>
      new AuthError(405, "method_not_allowed", `Use ${allowed.join(", ")} for ${url.pathname}`, {
        headers: { allow: allowed.join(", ") },
      }),
  })
    .post("/signup", endpoint(signup))
    .post("/token", endpoint(token))
    .get("/user", endpoint(getUser))
    .put("/user", endpoint(updateUser))
    .post("/logout", endpoint(logout))
    .post("/recover", endpoint(recover))
    .get("/settings", { handle: () => settings(deps.config) })
    .get("/health", {
      handle: () => ({
        version: "personify-local",
        name: "GoTrue",
        description: "The Personify local platform's stand-in for Supabase Auth",
      }),
    })
    .get("/.well-known/jwks.json", {
      handle: () => Response.json(context.keys.jwks, { headers: { "cache-control": "public, max-age=600" } }),
    });

  return async (request) => {
    try {
      return await router.fetch(request);
    } catch (error) {
      if (error instanceof AuthError) return authErrorResponse(error, request);
      log.error("auth request failed", {
        path: new URL(request.url).pathname,
        error: String((error as Error)?.stack ?? error),
      });
      return authErrorResponse(unexpectedFailure(), request);
    }
  };
}

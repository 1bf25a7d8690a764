import { createHash } from "node:crypto";
import { z } from "zod";
import { log } from "../../functions/_shared/log.ts";
import type { AuthDeps } from "./auth-config.ts";
import { badRequest, validationFailed } from "./auth-errors.ts";
import { optionalText, readAuthBody } from "./auth-request-body.ts";
import { validEmail } from "./users.ts";

const recoverBody = z.object({ email: optionalText });

function oneTimeCode(): string {
  return String(crypto.getRandomValues(new Uint32Array(1))[0] % 1_000_000).padStart(6, "0");
}

/**
 * POST /recover: a password-reset request. GoTrue mails a link; the local platform sends no mail,
 * so it records the token on the user as GoTrue does and logs the link instead. The answer is
 * the same whether or not the address has an account, so it reveals nothing.
 */
export async function recover({ context, config }: AuthDeps, request: Request, url: URL): Promise<Response> {
  if (!config.emailProviderEnabled) throw badRequest("email_provider_disabled", "Email logins are disabled");
  const params = await readAuthBody(request, recoverBody);
  if (params.email === "") throw validationFailed("Password recovery requires an email");
  const email = validEmail(params.email);
  const otp = oneTimeCode();
  // GoTrue stores (and links to) the SHA-224 of the address and the code, never the code itself.
  const tokenHash = createHash("sha224").update(email + otp).digest("hex");
  const [recipient] = await context.db.asOwner((tx) =>
    tx.query<{ email: string }>(
      `update auth.users set recovery_token = $2, recovery_sent_at = now(), updated_at = now()
        where lower(email) = $1 and aud = 'authenticated' returning email`,
      [email, tokenHash],
    )
  );
  if (recipient) {
    const redirectTo = url.searchParams.get("redirect_to") || config.siteUrl;
    const query = new URLSearchParams({ token: tokenHash, type: "recovery", redirect_to: redirectTo });
    log.info("password recovery requested (no mail is sent locally)", {
      email: recipient.email,
      otp,
      link: `${context.url}/auth/v1/verify?${query}`,
    });
  }
  return Response.json({});
}

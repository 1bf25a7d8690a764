/** The middleware every function's router starts with: where it runs, and who is calling. */
import { requireUser, type UserClaims, verifyServiceRole } from "./auth.ts";
import type { RequestContext } from "./router.ts";
import { type Runtime, supabaseUrl } from "../runtime.ts";

export interface RuntimeContext extends RequestContext {
  runtime: Runtime;
}

export interface UserContext extends RuntimeContext {
  user: UserClaims;
}

/** The runtime is looked up per request: the local platform may hand functions a new one. */
export function withRuntime(getRuntime: () => Runtime) {
  return <Context extends RequestContext>(context: Context): Context & RuntimeContext => ({
    ...context,
    runtime: getRuntime(),
  });
}

/** A signed-in user's access token is required (401 otherwise); their claims go into the context. */
export async function signedInUser<Context extends RuntimeContext>(
  context: Context,
): Promise<Context & UserContext> {
  return { ...context, user: await requireUser(context.request, supabaseUrl(context.runtime)) };
}

/** Only the service role may call (401 without a token, 403 with another role). */
export async function serviceRoleOnly<Context extends RuntimeContext>(context: Context): Promise<Context> {
  await verifyServiceRole(context.request, supabaseUrl(context.runtime));
  return context;
}

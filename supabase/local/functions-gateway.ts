import { parse as parseToml } from "smol-toml";
import { corsHeaders, preflightResponse, withCors } from "../functions/_shared/http/cors.ts";
import { ApiError, errorResponse, notFound, unauthorized } from "../functions/_shared/http/errors.ts";
import { log } from "../functions/_shared/log.ts";
import type { PlatformKeys } from "./keys.ts";
import type { ServiceHandler } from "./services.ts";

interface FunctionModule {
  default: { fetch(request: Request): Response | Promise<Response> };
}

interface FunctionsConfig {
  functions?: Record<string, { verify_jwt?: boolean; enabled?: boolean }>;
}

const gatewayPrefix = "/functions/v1";
const functionName = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** `EdgeRuntime.waitUntil` as Supabase's edge runtime provides it; the platform awaits these on close. */
export function installEdgeRuntimeShim(): { settle(): Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  (globalThis as Record<string, unknown>).EdgeRuntime = {
    waitUntil(promise: Promise<unknown>) {
      const tracked = Promise.resolve(promise).catch((error) =>
        log.error("waitUntil task failed", { error: String(error) })
      ).finally(() => pending.delete(tracked));
      pending.add(tracked);
    },
  };
  return { settle: async () => void (await Promise.allSettled([...pending])) };
}

/**
 * `/functions/v1/<name>`: runs `supabase/functions/<name>/index.ts` as Supabase does — JWT
 * verification where config.toml says `verify_jwt = true` (the default), the function seeing
 * the path from its own name on.
 */
export async function createFunctionsGateway(
  supabaseDir: URL,
  keys: PlatformKeys,
): Promise<ServiceHandler> {
  const config = parseToml(await Deno.readTextFile(new URL("config.toml", supabaseDir))) as FunctionsConfig;
  const modules = new Map<string, Promise<FunctionModule>>();

  const load = (name: string) => {
    let module = modules.get(name);
    if (!module) {
      module = import(new URL(`functions/${name}/index.ts`, supabaseDir).href) as Promise<FunctionModule>;
      modules.set(name, module);
      module.catch(() => modules.delete(name));
    }
    return module;
  };

  return async (request) => {
    if (request.method === "OPTIONS") return preflightResponse();
    const incoming = new URL(request.url);
    const path = incoming.pathname.slice(gatewayPrefix.length) || "/";
    const [, name = ""] = path.split("/");
    const settings = config.functions?.[name];
    if (!functionName.test(name) || !settings || settings.enabled === false) {
      return errorResponse(notFound(`There is no function named "${name}".`), corsHeaders);
    }
    if (settings.verify_jwt !== false) {
      const header = request.headers.get("authorization") ?? "";
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
      try {
        if (!token) throw new Error("missing");
        await keys.verify(token);
      } catch {
        return errorResponse(
          unauthorized("Missing or invalid authorization header (a valid JWT is required)."),
          corsHeaders,
        );
      }
    }
    // Built field by field: copying the whole Request reads its signal, which Deno.serve answers
    // with a deprecation notice about the signal's legacy abort-on-response behaviour.
    const forwarded = new Request(new URL(`${path}${incoming.search}`, incoming.origin), {
      method: request.method,
      headers: request.headers,
      body: request.body,
    });
    try {
      const module = await load(name);
      return withCors(await module.default.fetch(forwarded));
    } catch (error) {
      log.error("function failed", { function: name, error: String((error as Error)?.stack ?? error) });
      return errorResponse(
        new ApiError(500, "INTERNAL_ERROR", `The function "${name}" failed.`),
        corsHeaders,
      );
    }
  };
}

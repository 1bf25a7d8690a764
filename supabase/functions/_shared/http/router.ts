/**
 * One router for every function and for the local platform's services: a table of
 * `METHOD path` routes matched with URLPattern under a base path, middleware that adds to the
 * request's context (the caller, the runtime), and validation of params, query and body by the
 * route's own schemas. A path that matches no route is a 404; a path that matches with another
 * method is a 405 whose Allow header lists the table's methods for it. A `:name(.*)` param takes
 * the rest of the path, slashes included; `mount` hands a whole prefix to another handler.
 */
import * as z from "zod/mini";
import { readJson } from "./body.ts";
import { ApiError, badRequest, notFound } from "./errors.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** What every route sees before middleware adds to it. */
export interface RequestContext {
  request: Request;
  url: URL;
}

export type Middleware<In, Out> = (context: In) => Out | Promise<Out>;

type Schema = z.core.$ZodType;
type Infer<S> = S extends Schema ? z.output<S> : undefined;

export interface RouteSpec<Context, P, Q, B> {
  /** The path's `:name` parts, validated (an invalid id is a 400, not a 404). */
  params?: P;
  /** The query string, every parameter at most once; unknown parameters are refused when the schema is strict. */
  query?: Q;
  /** A JSON body, read up to `maxBodyBytes` (413 above) and validated. */
  body?: B;
  maxBodyBytes?: number;
  handle(
    context: Context & { params: Infer<P>; query: Infer<Q>; body: Infer<B> },
  ): Response | unknown | Promise<Response | unknown>;
}

type RouteAdder<Context, Self> = <
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(path: string, spec: RouteSpec<Context, P, Q, B>) => Self;

interface Route {
  /** "*" for a mount, which takes every method. */
  method: Method | "*";
  path: string;
  pattern: URLPattern;
  run(context: RequestContext & { params: Record<string, string> }): Promise<Response>;
}

export interface RouterOptions {
  /** Everything the router serves starts with this, e.g. "/gallery". */
  basePath: string;
  /** The error for a path no route has (the project's 404 unless a service speaks another format). */
  notFound?: (context: RequestContext) => Error;
  /** The error for a known path with another method; `allowed` is what the Allow header says. */
  methodNotAllowed?: (context: RequestContext, allowed: Method[]) => Error;
  /**
   * The path the routes are matched against; by default the URL's pathname without trailing
   * slashes. A service that must see the path as sent supplies its own (Storage: `a/` is not the
   * key `a`). URLPattern still resolves `.` and `..` segments in it.
   */
  pathname?: (request: Request) => string;
}

export function methodNotAllowed(allowed: string[]): ApiError {
  return new ApiError(405, "METHOD_NOT_ALLOWED", `Use ${allowed.join(" or ")} for this endpoint.`, {
    allowed,
  }, { allow: allowed.join(", ") });
}

/** Turns a route's answer into a Response: a Response as it is, anything else as JSON with status 200. */
function toResponse(result: unknown): Response {
  return result instanceof Response ? result : Response.json(result);
}

function validationError(where: string, error: z.core.$ZodError): ApiError {
  const issues = error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = issues[0];
  const field = first.path || undefined;
  return badRequest(field ? `${field}: ${first.message}` : `${where}: ${first.message}`, {
    issues,
    ...(field ? { field } : {}),
  });
}

function parseQuery(schema: Schema, params: URLSearchParams) {
  const values: Record<string, string> = {};
  for (const name of params.keys()) {
    if (params.getAll(name).length > 1) throw badRequest(`Give "${name}" once.`, { field: name });
    values[name] = params.get(name) ?? "";
  }
  const parsed = z.safeParse(schema, values);
  if (!parsed.success) throw validationError("query", parsed.error);
  return parsed.data;
}

export class Router<Context extends RequestContext> {
  readonly #routes: Route[];
  readonly #middleware: Middleware<RequestContext, Context>;
  readonly #options: RouterOptions;

  constructor(
    options: RouterOptions,
    routes: Route[] = [],
    middleware?: Middleware<RequestContext, Context>,
  ) {
    this.#options = { ...options, basePath: options.basePath.replace(/\/$/, "") };
    this.#routes = routes;
    this.#middleware = middleware ?? ((context) => context as Context);
  }

  /** Routes added after this see what `middleware` returns as their context. */
  use<Next extends RequestContext>(middleware: Middleware<Context, Next>): Router<Next> {
    const previous = this.#middleware;
    return new Router<Next>(
      this.#options,
      this.#routes,
      async (context) => middleware(await previous(context)),
    );
  }

  route<
    P extends Schema | undefined = undefined,
    Q extends Schema | undefined = undefined,
    B extends Schema | undefined = undefined,
  >(
    method: Method,
    path: string,
    spec: RouteSpec<Context, P, Q, B>,
  ): this {
    const middleware = this.#middleware;
    const fullPath = `${this.#options.basePath}${path === "/" ? "" : path}` || "/";
    this.#routes.push({
      method,
      path: fullPath,
      pattern: new URLPattern({ pathname: fullPath }),
      async run(base) {
        // Middleware (the caller's identity) first: an anonymous caller hears 401 whatever else is wrong.
        const context = await middleware(base);
        const params = spec.params ? z.safeParse(spec.params, base.params) : undefined;
        if (params && !params.success) throw validationError("path", params.error);
        const query = spec.query ? parseQuery(spec.query, base.url.searchParams) : undefined;
        const body = spec.body ? await readJson(base.request, spec.body, spec.maxBodyBytes) : undefined;
        return toResponse(
          await spec.handle({
            ...context,
            params: (params?.data ?? base.params) as Infer<P>,
            query: query as Infer<Q>,
            body: body as Infer<B>,
          }),
        );
      },
    });
    return this;
  }

  readonly get: RouteAdder<Context, this> = (path, spec) => this.route("GET", path, spec);
  readonly post: RouteAdder<Context, this> = (path, spec) => this.route("POST", path, spec);
  readonly put: RouteAdder<Context, this> = (path, spec) => this.route("PUT", path, spec);
  readonly patch: RouteAdder<Context, this> = (path, spec) => this.route("PATCH", path, spec);
  readonly delete: RouteAdder<Context, this> = (path, spec) => this.route("DELETE", path, spec);

  /**
   * Hands every request under `prefix` (the prefix itself included, any method, OPTIONS too) to
   * `handle` as it came: how the local platform puts Auth, Storage and the functions on one port.
   */
  mount(prefix: string, handle: (context: Context) => Response | Promise<Response>): this {
    const middleware = this.#middleware;
    const fullPath = `${this.#options.basePath}${prefix === "/" ? "" : prefix}`;
    this.#routes.push({
      method: "*",
      path: `${fullPath}/*`,
      pattern: new URLPattern({ pathname: `${fullPath}{/*}?` }),
      async run(base) {
        return await handle(await middleware(base));
      },
    });
    return this;
  }

  /** The table, as `METHOD path` lines: what the function serves. */
  get table(): string[] {
    return this.#routes.map((route) => `${route.method} ${route.path}`);
  }

  /** Runs the route the request matches; every failure is thrown for the caller's error mapping. */
  fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const pathname = this.#options.pathname?.(request) ??
      (url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname);
    const context: RequestContext = { request, url };
    const allowed: Method[] = [];
    for (const route of this.#routes) {
      const match = route.pattern.exec({ pathname });
      if (!match) continue;
      if (route.method !== "*" && route.method !== request.method) {
        if (!allowed.includes(route.method)) allowed.push(route.method);
        continue;
      }
      const params = Object.fromEntries(
        Object.entries(match.pathname.groups).flatMap(([name, value]) =>
          value === undefined ? [] : [[name, value]]
        ),
      );
      return await route.run({ ...context, params });
    }
    if (allowed.length > 0) {
      throw this.#options.methodNotAllowed?.(context, allowed) ?? methodNotAllowed(allowed);
    }
    throw this.#options.notFound?.(context) ?? notFound();
  };
}

export function createRouter(options: RouterOptions): Router<RequestContext> {
  return new Router(options);
}

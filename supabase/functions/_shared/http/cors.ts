/** CORS for browser callers (supabase-js sends these headers on every call). */
export const corsHeaders: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers":
    "authorization, x-client-info, apikey, content-type, x-upsert, x-supabase-api-version, cache-control, accept, prefer, range",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-expose-headers": "content-length, content-range, retry-after, x-request-id",
  "access-control-max-age": "86400",
};

export function preflightResponse(): Response {
  return new Response(null, { status: 204, headers: corsHeaders });
}

/** What every response carries: CORS, and no content sniffing of what it says it is. */
const standardHeaders: Record<string, string> = { ...corsHeaders, "x-content-type-options": "nosniff" };

export function withCors(response: Response): Response {
  for (const [name, value] of Object.entries(standardHeaders)) {
    if (!response.headers.has(name)) response.headers.set(name, value);
  }
  return response;
}

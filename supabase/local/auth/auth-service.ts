import type { ServiceContext, ServiceHandler } from "../services.ts";

export function createAuthService(_context: ServiceContext): ServiceHandler {
  return () => Promise.resolve(Response.json({ msg: "not implemented" }, { status: 501 }));
}

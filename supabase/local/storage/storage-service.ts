import type { ServiceContext, ServiceHandler } from "../services.ts";

export function createStorageService(_context: ServiceContext): ServiceHandler {
  return () => Promise.resolve(Response.json({ message: "not implemented" }, { status: 501 }));
}

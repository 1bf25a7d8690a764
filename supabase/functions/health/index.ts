import { createFunction, methodNotAllowed } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";
import { checkHealth } from "../_shared/health/health-handler.ts";

export default createFunction("health", async (request) => {
  if (request.method !== "GET" && request.method !== "POST") throw methodNotAllowed(["GET", "POST"]);
  const report = await checkHealth(getRuntime());
  return Response.json(report, { status: report.status === "healthy" ? 200 : 503 });
});

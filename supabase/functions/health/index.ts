import { createHealthHandler } from "../_shared/health/health-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("health", createHealthHandler(getRuntime));

import { createBatchHandler } from "../_shared/batch/batch-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("batch", createBatchHandler(getRuntime));

import { createJobWorkerHandler } from "../_shared/job-worker/job-worker-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("job-worker", createJobWorkerHandler(getRuntime));

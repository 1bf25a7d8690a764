import { createFunction } from "../_shared/http/handler.ts";
import { createGenerationHandler } from "../_shared/image-generation/generation-handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("image-generation", createGenerationHandler(getRuntime));

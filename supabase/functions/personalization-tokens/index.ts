import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";
import { createTokenSetsHandler } from "../_shared/personalization-tokens/token-sets-handler.ts";

export default createFunction("personalization-tokens", createTokenSetsHandler(getRuntime));

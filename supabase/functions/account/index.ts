import { createAccountHandler } from "../_shared/account/account-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("account", createAccountHandler(getRuntime));

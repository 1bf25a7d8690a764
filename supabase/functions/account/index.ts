import { handleAccountRequest } from "../_shared/account/account-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";

export default createFunction("account", handleAccountRequest);

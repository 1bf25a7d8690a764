import { createFunction } from "../_shared/http/handler.ts";
import { createPaymentIntentHandler } from "../_shared/create-payment-intent/payment-intent-handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("create-payment-intent", createPaymentIntentHandler(getRuntime));

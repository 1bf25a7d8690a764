import { createFunctionClient } from "@/lib/function-client";
import { supabase } from "@/lib/supabase";

/** Calls an Edge Function as the signed-in user; see createFunctionClient for the contract. */
export const invokeFunction = createFunctionClient(supabase.functions);

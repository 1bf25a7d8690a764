import { createFunctionEventStream } from "@/lib/function-event-stream";
import { supabase } from "@/lib/supabase";

/** Streams an Edge Function's server-sent events as the signed-in user; see createFunctionEventStream. */
export const streamFunction = createFunctionEventStream(supabase.functions);

import { env } from "@/lib/env";
import { errorFromResponse, NetworkError, UnauthorizedError } from "@/lib/function-errors";
import { saveBlob } from "@/lib/save-blob";
import { supabase } from "@/lib/supabase";

export type BatchFile = "results.csv" | "images.zip";

function filenameFrom(disposition: string | null, fallback: string): string {
  return disposition?.match(/filename="([^"]+)"/)?.[1] ?? fallback;
}

/**
 * GET /functions/v1/batch/:id/results.csv or images.zip, saved under the server's file name. The
 * function client parses JSON and text, not a ZIP, so this one call uses fetch with the session's token.
 * `nameColumn` (a CSV header) names the ZIP's entries by that row's value; without it, by row number.
 */
export async function downloadBatchFile(
  batchId: string,
  file: BatchFile,
  { nameColumn }: { nameColumn?: string } = {},
): Promise<void> {
  const name = `batch/${batchId}/${file}`;
  const query = nameColumn === undefined ? "" : `?${new URLSearchParams({ nameColumn })}`;
  const { data } = await supabase.auth.getSession();
  const token = data.session?.access_token;
  if (!token) throw new UnauthorizedError(name, 401, "UNAUTHORIZED", "Sign in again to download this batch.");
  let response: Response;
  try {
    response = await fetch(`${env.supabaseUrl}/functions/v1/${name}${query}`, {
      headers: { apikey: env.supabaseAnonKey, authorization: `Bearer ${token}` },
    });
  } catch (cause) {
    throw new NetworkError(name, { cause });
  }
  if (!response.ok) throw await errorFromResponse(name, response);
  saveBlob(await response.blob(), filenameFrom(response.headers.get("content-disposition"), file));
}

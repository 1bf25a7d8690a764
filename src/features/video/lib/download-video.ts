import { saveBlob } from "@/lib/save-blob";

/**
 * Saves the paid video under a readable name. The file lives on the storage origin, where an
 * <a download> is ignored, so it is fetched and saved from a local object URL instead.
 */
export async function downloadVideo(url: string, fileName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new Error("Couldn't download the video. Check your connection and try again.", { cause });
  }
  if (!response.ok) {
    throw new Error("Couldn't download the video: its link has expired. Reload the page for a new one.");
  }
  saveBlob(await response.blob(), fileName);
}

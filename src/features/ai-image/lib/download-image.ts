import { saveBlob } from "@/lib/save-blob";

const extensions: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/**
 * Saves an image under a readable file name. The image lives on another origin (storage), where
 * an <a download> is ignored, so it is fetched and saved from a local object URL instead.
 */
export async function downloadImage(url: string, baseName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new Error("Couldn't download the image. Check your connection and try again.", { cause });
  }
  if (!response.ok) {
    throw new Error("Couldn't download the image: its link has expired. Open it from your gallery instead.");
  }
  const blob = await response.blob();
  saveBlob(blob, `${baseName}.${extensions[blob.type] ?? "png"}`);
}

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
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = `${baseName}.${extensions[blob.type] ?? "png"}`;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns; give the save a moment to start.
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

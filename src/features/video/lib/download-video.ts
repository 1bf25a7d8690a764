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
  if (!response.ok) throw new Error("Couldn't download the video: its link has expired. Reload the page for a new one.");
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns; give the save a moment to start.
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

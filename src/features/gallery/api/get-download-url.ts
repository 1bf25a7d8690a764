import * as gallery from "@domain/contracts/gallery";
import { invokeFunction } from "@/lib/invoke-function";

/** GET /functions/v1/gallery/:id/download: a signed URL that saves the original under its file name. */
export async function getDownloadUrl(imageId: string) {
  return await invokeFunction({
    name: `gallery/${imageId}/download`,
    method: "GET",
    schema: gallery.download,
  });
}

/** Starts the browser's download of the original; the URL's disposition names the file. */
export async function downloadOriginal(imageId: string) {
  const { url, fileName } = await getDownloadUrl(imageId);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Saves a fetched file under `fileName` through a local object URL: files from another origin
 * (storage, functions) ignore <a download>, a same-origin object URL does not.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns; give the save a moment to start.
  window.setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

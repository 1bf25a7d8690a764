/** What POST /gallery/uploads accepts; checked here too, so a wrong file fails before any upload. */
export const acceptedPhotoTypes = ["image/png", "image/jpeg", "image/webp"] as const;
export const maximumPhotoBytes = 10 * 1024 * 1024;

export type PhotoCheck = { ok: true } | { ok: false; message: string };

export function checkPhoto(file: { name: string; type: string; size: number }): PhotoCheck {
  if (!(acceptedPhotoTypes as readonly string[]).includes(file.type)) {
    return { ok: false, message: `${file.name} is not a PNG, JPEG or WebP image.` };
  }
  if (file.size === 0) return { ok: false, message: `${file.name} is empty.` };
  if (file.size > maximumPhotoBytes) {
    return {
      ok: false,
      message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 10 MB.`,
    };
  }
  return { ok: true };
}

/** The server's limits for a reference image (image-generation refuses anything else with a 400 or 413). */
export const maxReferenceImageBytes = 10 * 1024 * 1024;
export const acceptedReferenceImageTypes = ["image/png", "image/jpeg", "image/webp"] as const;

export interface ReferenceImage {
  name: string;
  type: string;
  size: number;
  /** `data:image/…;base64,…`, as the request sends it and an <img> shows it. */
  dataUrl: string;
}

export type ReferenceImageCheck = { ok: true } | { ok: false; message: string };

/** Checks a chosen or dropped file before reading it, so a wrong file costs no upload. */
export function checkReferenceImage(file: Pick<File, "type" | "size">): ReferenceImageCheck {
  if (!(acceptedReferenceImageTypes as readonly string[]).includes(file.type)) {
    return { ok: false, message: "Use a PNG, JPEG or WebP image." };
  }
  if (file.size > maxReferenceImageBytes) {
    return { ok: false, message: `That image is ${formatMegabytes(file.size)}; the limit is 10 MB.` };
  }
  if (file.size === 0) return { ok: false, message: "That file is empty." };
  return { ok: true };
}

export type ReferenceImageType = (typeof acceptedReferenceImageTypes)[number];

/**
 * The type a file's first bytes show (PNG, JPEG or WebP signature), or null for anything else. A
 * file's name and declared type are only what the picker guessed from its extension, so a renamed
 * document would otherwise be uploaded and refused by the server.
 */
export async function sniffReferenceImageType(file: Blob): Promise<ReferenceImageType | null> {
  const bytes = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const startsWith = (signature: number[], at = 0) =>
    signature.every((byte, index) => bytes[at + index] === byte);
  // "\x89PNG": the rest of PNG's 8-byte signature adds nothing another format could collide with.
  if (startsWith([0x89, 0x50, 0x4e, 0x47])) return "image/png";
  if (startsWith([0xff, 0xd8, 0xff])) return "image/jpeg";
  // "RIFF", a 4-byte length, then "WEBP".
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** Rounded up, so a file just over the limit never reads as "10.0 MB". */
export function formatMegabytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return megabytes < 100 ? `${(Math.ceil(megabytes * 10) / 10).toFixed(1)} MB` : `${Math.ceil(megabytes)} MB`;
}

/** Reads a checked file into the data URL the request carries. */
export function readReferenceImage(file: File): Promise<ReferenceImage> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      if (typeof reader.result !== "string") {
        reject(new Error("The image could not be read."));
        return;
      }
      resolve({ name: file.name, type: file.type, size: file.size, dataUrl: reader.result });
    };
    reader.onerror = () => reject(reader.error ?? new Error("The image could not be read."));
    reader.readAsDataURL(file);
  });
}

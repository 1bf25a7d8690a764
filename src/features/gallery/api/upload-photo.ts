import { useQueryClient } from "@tanstack/react-query";
import * as gallery from "@domain/contracts/gallery";
import { galleryImageKeys } from "@/data/gallery-images/gallery-image-keys";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";
import { supabase } from "@/lib/supabase";

export type UploadStage = "preparing" | "uploading" | "processing";

/**
 * One photo into the gallery: POST /gallery/uploads for a signed upload URL, the bytes straight
 * to Storage, then POST /gallery/uploads/complete, which checks them and makes the thumbnail.
 */
export async function uploadPhoto(file: File, onStage: (stage: UploadStage) => void) {
  onStage("preparing");
  const ticket = await invokeFunction({
    name: "gallery/uploads",
    body: { fileName: file.name, contentType: file.type, size: file.size },
    schema: gallery.uploadTicket,
  });
  onStage("uploading");
  const { error } = await supabase.storage.from("uploads").uploadToSignedUrl(
    ticket.path,
    ticket.token,
    file,
    {
      contentType: file.type,
    },
  );
  if (error) throw new Error(`The upload of ${file.name} failed: ${error.message}`);
  onStage("processing");
  const { image } = await invokeFunction({
    name: "gallery/uploads/complete",
    body: { path: ticket.path },
    schema: gallery.imageResponse,
    timeoutMs: 60_000,
  });
  return image;
}

/** After uploads land: the grid, the facets (the "upload" feature) and album counts refetch. */
export function useRefreshAfterUpload() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: galleryImageKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: galleryKeys.facets() });
  };
}

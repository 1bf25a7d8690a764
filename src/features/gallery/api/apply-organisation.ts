import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as albumOrganiser from "@domain/contracts/album-organiser";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** POST /functions/v1/album-organiser/:id/apply { groups }: creates the reviewed albums, once. */
export async function applyOrganisation(organisationId: string, body: albumOrganiser.ApplyBody) {
  return await invokeFunction({
    name: `album-organiser/${organisationId}/apply`,
    body,
    schema: albumOrganiser.organisation,
  });
}

/** The answer is the organisation with its albums, so the panel shows them without asking again. */
export function useApplyOrganisation(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: albumOrganiser.ApplyBody) => applyOrganisation(organisationId, body),
    onSuccess: (organisation) => {
      queryClient.setQueryData(galleryKeys.organisation(organisationId), organisation);
      void queryClient.invalidateQueries({ queryKey: galleryKeys.albums() });
    },
  });
}

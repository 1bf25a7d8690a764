import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import * as albumOrganiser from "@domain/contracts/album-organiser";
import { galleryKeys } from "@/features/gallery/api/gallery-keys";
import { invokeFunction } from "@/lib/invoke-function";

/** How often a running organisation is asked about: the job takes seconds, not minutes. */
export const organisationPollMs = 1000;

/** POST /functions/v1/album-organiser { imageIds }: queues the job that proposes albums for the images. */
export async function startOrganisation(imageIds: string[]) {
  return await invokeFunction({
    name: "album-organiser",
    body: { imageIds },
    schema: albumOrganiser.organisationStarted,
  });
}

/** GET /functions/v1/album-organiser/:id: the job's progress, then its proposal, then (once applied) its albums. */
export async function getOrganisation(organisationId: string, { signal }: { signal?: AbortSignal } = {}) {
  return await invokeFunction({
    name: `album-organiser/${organisationId}`,
    method: "GET",
    schema: albumOrganiser.organisation,
    signal,
  });
}

export function useStartOrganisation() {
  return useMutation({ mutationFn: startOrganisation });
}

/** Past grouping: polling stops, and what is left (the review) happens in the page. */
export function isOrganisationDone(organisation: albumOrganiser.Organisation | undefined) {
  return organisation?.status === "proposed" || organisation?.status === "succeeded" ||
    organisation?.status === "failed";
}

/** Polls the job until it has proposed or failed; once albums exist, the albums list refetches. */
export function useOrganisation(organisationId: string | null) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: galleryKeys.organisation(organisationId ?? ""),
    queryFn: ({ signal }) => getOrganisation(organisationId ?? "", { signal }),
    enabled: organisationId !== null,
    refetchInterval: (current) => (isOrganisationDone(current.state.data) ? false : organisationPollMs),
  });
  const applied = query.data?.status === "succeeded";
  useEffect(() => {
    if (applied) void queryClient.invalidateQueries({ queryKey: galleryKeys.albums() });
  }, [applied, queryClient]);
  return query;
}

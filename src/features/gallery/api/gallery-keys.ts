/**
 * Query keys for what only the gallery shows; every one of them starts with `galleryKeys.all`. The
 * images themselves are keyed by galleryImageKeys (src/data), since other features read them too.
 */
export const galleryKeys = {
  all: ["gallery"] as const,
  facets: () => [...galleryKeys.all, "facets"] as const,
  albums: () => [...galleryKeys.all, "albums"] as const,
  organisation: (organisationId: string) => [...galleryKeys.all, "organisation", organisationId] as const,
};

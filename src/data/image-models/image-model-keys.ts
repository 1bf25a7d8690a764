/** Query keys for the image model catalog; every one of its queries starts with `imageModelKeys.all`. */
export const imageModelKeys = {
  all: ["image-models"] as const,
  list: () => [...imageModelKeys.all, "list"] as const,
};

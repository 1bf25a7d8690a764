/**
 * The `album-organiser` function's contract (the signed-in user's own organisations).
 *   POST /album-organiser       organiseBody → organisationStarted (202; 10 a minute)
 *   GET  /album-organiser/:id   organisationParams → organisation
 */
import * as z from "zod/mini";
import { line, uuid } from "./text.ts";

export const maxImagesPerOrganisation = 500;

export const organisationStatuses = ["queued", "running", "succeeded", "failed"] as const;

export const organiseBody = z.strictObject({
  imageIds: z.array(uuid("image ids are UUIDs"), { error: "imageIds must be a list of image ids" }).check(
    z.minLength(1, "Choose at least one image to organise."),
    z.maxLength(maxImagesPerOrganisation, `Organise at most ${maxImagesPerOrganisation} images at a time.`),
  ),
});

/** Any id: one that is not a UUID is a 404 like an unknown one, not a 400. */
export const organisationParams = z.object({ id: line() });

export const organisationStarted = z.object({
  organisationId: z.string(),
  status: z.enum(organisationStatuses),
});

export const organisedAlbum = z.object({
  id: z.string(),
  title: z.string(),
  description: z.nullish(z.string()),
  imageCount: z.number(),
});

/** The job's status and, once it has succeeded, the albums it made. */
export const organisation = z.object({
  id: z.string(),
  status: z.enum(organisationStatuses),
  usedFallback: z.boolean(),
  provider: z.nullish(z.string()),
  albums: z.array(organisedAlbum),
  error: z.nullable(z.string()),
});
export type Organisation = z.infer<typeof organisation>;

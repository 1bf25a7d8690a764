/**
 * The `album-organiser` function's contract (the signed-in user's own organisations).
 *   POST /album-organiser       organiseBody → organisationStarted (202; 10 a minute)
 *   GET  /album-organiser/:id         organisationParams → organisation
 *   POST /album-organiser/:id/apply   organisationParams, applyBody → organisation (409 once applied)
 */
import * as z from "zod/mini";
import { line, uuid } from "./text.ts";

export const maxImagesPerOrganisation = 500;

export const maxAlbumTitleLength = 120;

/** "proposed": the groups wait for the user's review; albums exist only once it is "succeeded". */
export const organisationStatuses = ["queued", "running", "proposed", "succeeded", "failed"] as const;

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

/** One group the organiser suggests: its title, what it is about, and its images in order. */
export const proposedGroup = z.object({
  title: z.string(),
  description: z.nullish(z.string()),
  imageIds: z.array(z.string()),
});
export type ProposedGroup = z.infer<typeof proposedGroup>;

/**
 * The job's status; while it runs, how many images it has looked at; once "proposed", the groups
 * to review; once applied ("succeeded"), the albums made.
 */
export const organisation = z.object({
  id: z.string(),
  status: z.enum(organisationStatuses),
  usedFallback: z.boolean(),
  provider: z.nullish(z.string()),
  imageCount: z.number(),
  imagesSeen: z.number(),
  proposal: z.nullable(z.array(proposedGroup)),
  albums: z.array(organisedAlbum),
  error: z.nullable(z.string()),
});
export type Organisation = z.infer<typeof organisation>;

/** The reviewed groups: renamed, merged or dropped in the page; each image at most once. */
export const applyBody = z.strictObject({
  groups: z.array(
    z.strictObject({
      title: line().check(
        z.trim(),
        z.minLength(1, "Every album needs a title."),
        z.maxLength(maxAlbumTitleLength, `Album titles are at most ${maxAlbumTitleLength} characters.`),
      ),
      imageIds: z.array(uuid("image ids are UUIDs")).check(
        z.minLength(1, "Every album needs at least one image."),
        z.maxLength(
          maxImagesPerOrganisation,
          `An album holds at most ${maxImagesPerOrganisation} images here.`,
        ),
      ),
    }),
    { error: "groups must be a list of { title, imageIds }" },
  ).check(
    z.minLength(1, "Keep at least one album to create."),
    z.maxLength(maxImagesPerOrganisation, `Create at most ${maxImagesPerOrganisation} albums at a time.`),
  ),
});
export type ApplyBody = z.infer<typeof applyBody>;

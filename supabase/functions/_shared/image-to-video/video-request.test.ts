import assert from "node:assert/strict";
import { createBody as createVideoSchema } from "../domain/contracts/image-to-video.ts";
import { ApiError } from "../http/errors.ts";
import { parseOwnSignedUrl } from "./video-request.ts";

const project = "https://abc.supabase.co";
const user = "6f1c2a9e-0000-4000-8000-000000000001";

function refusal(url: string): ApiError {
  try {
    parseOwnSignedUrl(url, project, user);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

Deno.test("a signed URL of the caller's own object is reduced to its bucket and key", () => {
  assert.deepEqual(
    parseOwnSignedUrl(`${project}/storage/v1/object/sign/images/${user}/a%20b.png?token=eyJ`, project, user),
    { bucket: "images", path: `${user}/a b.png` },
  );
  assert.deepEqual(
    parseOwnSignedUrl(`${project}/storage/v1/object/sign/uploads/${user}/x/y.jpg?token=t`, project, user)
      .bucket,
    "uploads",
  );
});

Deno.test("anything else is a 400: other hosts, other folders, other buckets, unsigned or traversing paths", () => {
  for (
    const url of [
      "not a url",
      `http://169.254.169.254/storage/v1/object/sign/images/${user}/a.png?token=t`,
      `https://abc.supabase.co.evil.test/storage/v1/object/sign/images/${user}/a.png?token=t`,
      `${project}/storage/v1/object/sign/images/someone-else/a.png?token=t`,
      `${project}/storage/v1/object/sign/videos/${user}/a.mp4?token=t`,
      `${project}/storage/v1/object/public/images/${user}/a.png`,
      `${project}/storage/v1/object/sign/images/${user}/a.png`,
      `${project}/storage/v1/object/sign/images/${user}/..%2Fother/a.png?token=t`,
      `${project}/storage/v1/object/sign/images/${user}%2F..%2Fother%2Fa.png?token=t`,
      `${project}/storage/v1/object/sign/images/${user}/%E0%A4%A.png?token=t`,
    ]
  ) {
    const error = refusal(url);
    assert.equal(error.status, 400, url);
    assert.equal(error.code, "VALIDATION_ERROR");
  }
});

Deno.test("the body schema takes one source, an effect from the list, 1–10 s and a resolution", () => {
  const ok = createVideoSchema.parse({ imageId: user, effect: "rotate", duration: 10, resolution: "1080p" });
  assert.deepEqual([ok.fit, ok.includeAudio], ["crop", false]);
  for (
    const body of [
      { effect: "rotate", duration: 3, resolution: "720p" },
      { imageId: user, imageUrl: `${project}/x`, effect: "rotate", duration: 3, resolution: "720p" },
      { imageId: user, effect: "warp", duration: 3, resolution: "720p" },
      { imageId: user, effect: "rotate", duration: 0.5, resolution: "720p" },
      { imageId: user, effect: "rotate", duration: 10.5, resolution: "720p" },
      { imageId: user, effect: "rotate", duration: "3", resolution: "720p" },
      { imageId: user, effect: "rotate", duration: 3, resolution: "2160p" },
    ]
  ) {
    assert.equal(createVideoSchema.safeParse(body).success, false, JSON.stringify(body));
  }
});

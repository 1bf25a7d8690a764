// Speed of thumbnails: `npx deno bench -A supabase/functions/_shared/images/`.
import { renderOfflineImage } from "../providers/local-images.ts";
import { makeWebpThumbnail } from "./thumbnail.ts";

const large =
  (await renderOfflineImage({ prompt: "a large render", settings: { aspectRatio: "1:1", size: "1024" } }))
    .png;
const small =
  (await renderOfflineImage({ prompt: "a small render", settings: { aspectRatio: "1:1", size: "512" } })).png;
await makeWebpThumbnail(small); // loads the codecs once, outside the measurement

Deno.bench("WebP thumbnail of a 1024×1024 PNG", async () => {
  await makeWebpThumbnail(large);
});

Deno.bench("WebP thumbnail of a 512×512 PNG", async () => {
  await makeWebpThumbnail(small);
});

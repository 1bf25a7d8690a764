// Speed of the offline renderer: `npx deno bench -A supabase/functions/_shared/providers/`.
import { renderOfflineImage } from "./local-images.ts";

let counter = 0;
const prompt = () => `Professional portrait of Person ${counter++} from Acme Corp, soft studio light`;

Deno.bench("offline render 1024×1024 PNG", async () => {
  await renderOfflineImage({ prompt: prompt(), settings: { aspectRatio: "1:1", size: "1024" } });
});

Deno.bench("offline render 1024×576 (16:9) PNG", async () => {
  await renderOfflineImage({ prompt: prompt(), settings: { aspectRatio: "16:9", size: "1024" } });
});

Deno.bench("offline render 512×512 PNG", async () => {
  await renderOfflineImage({ prompt: prompt(), settings: { aspectRatio: "1:1", size: "512" } });
});

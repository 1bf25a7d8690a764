import { createGalleryHandler } from "../_shared/gallery/gallery-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("gallery", createGalleryHandler(getRuntime));

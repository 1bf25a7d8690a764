import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";
import { createImageToVideoHandler } from "../_shared/image-to-video/video-handler.ts";

export default createFunction("image-to-video", createImageToVideoHandler(getRuntime));

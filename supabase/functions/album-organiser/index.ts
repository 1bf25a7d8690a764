import { createAlbumOrganiserHandler } from "../_shared/album-organiser/album-organiser-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("album-organiser", createAlbumOrganiserHandler(getRuntime));

import { createAlbumsHandler } from "../_shared/albums/albums-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("albums", createAlbumsHandler(getRuntime));

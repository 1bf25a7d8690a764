import { createImageEditorHandler } from "../_shared/image-editor/image-editor-handler.ts";
import { createFunction } from "../_shared/http/handler.ts";
import { getRuntime } from "../_shared/runtime.ts";

export default createFunction("image-editor", createImageEditorHandler(getRuntime));

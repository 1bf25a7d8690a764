/** The `image-editor` function: saves editor versions and runs instruction edits (routes in domain/contracts/image-editor.ts). */
import * as contract from "../domain/contracts/image-editor.ts";
import { signedInUser, withRuntime } from "../http/middleware.ts";
import { createRouter } from "../http/router.ts";
import { imageGeneratorFor } from "../providers/image-generator.ts";
import type { Runtime } from "../runtime.ts";
import { type ObjectStorage, objectStorage } from "../storage/object-storage.ts";
import { runInstructionEdit } from "./instruction-edit.ts";
import { maxVersionRequestBytes, saveVersion } from "./save-version.ts";

export function createImageEditorHandler(
  getRuntime: () => Runtime,
  options: { storageFor?: (runtime: Runtime) => ObjectStorage } = {},
) {
  const storageFor = options.storageFor ?? objectStorage;
  return createRouter({ basePath: "/image-editor" })
    .use(withRuntime(getRuntime))
    .use(signedInUser)
    .post("/versions", {
      body: contract.saveVersionBody,
      maxBodyBytes: maxVersionRequestBytes,
      handle: async ({ runtime, user, body }) => {
        const saved = await saveVersion({ runtime, storage: storageFor(runtime) }, user, body);
        return Response.json(saved.response, { status: saved.created ? 201 : 200 });
      },
    })
    .post("/instructions", {
      body: contract.instructionEditBody,
      maxBodyBytes: maxVersionRequestBytes,
      handle: async ({ runtime, user, body }) =>
        Response.json(
          await runInstructionEdit(
            { runtime, storage: storageFor(runtime), generator: imageGeneratorFor(runtime) },
            user,
            body,
          ),
          { status: 201 },
        ),
    })
    .fetch;
}

import { createHash } from "node:crypto";
import { dirname, resolve, sep } from "node:path";
import { log } from "../../functions/_shared/log.ts";
import { assertValidKey } from "./object-key.ts";
import { storageErrors } from "./storage-error.ts";

/** An upload written in full to a temp file, not yet visible under its key. */
export interface StagedObject {
  tempPath: string;
  size: number;
  eTag: string;
}

/**
 * Object bytes on disk under `<dataDir>/storage/<bucket>/<key>`. Uploads are written to a temp
 * file on the same file system and renamed into place, so a reader sees the old bytes or the
 * new ones, never a partial file.
 */
export class ObjectFiles {
  private readonly root: string;
  private readonly stagingDir: string;

  constructor(dataDir: string) {
    this.root = resolve(dataDir, "storage");
    this.stagingDir = resolve(dataDir, "storage-staging");
  }

  /** The file for a key; keys are validated again here because this is where a bad one would do harm. */
  pathOf(bucket: string, key: string): string {
    assertValidKey(key);
    const path = resolve(this.root, bucket, key);
    if (!path.startsWith(`${resolve(this.root, bucket)}${sep}`)) throw storageErrors.invalidKey(key);
    return path;
  }

  /** Streams the body to a temp file, refusing it as soon as it passes `maxBytes`. */
  async stage(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<StagedObject> {
    await Deno.mkdir(this.stagingDir, { recursive: true });
    const tempPath = resolve(this.stagingDir, crypto.randomUUID());
    const file = await Deno.open(tempPath, { write: true, createNew: true, mode: 0o600 });
    const md5 = createHash("md5");
    let size = 0;
    const limit = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) throw storageErrors.objectTooLarge();
        md5.update(chunk);
        controller.enqueue(chunk);
      },
    });
    try {
      await body.pipeThrough(limit).pipeTo(file.writable);
    } catch (error) {
      await Deno.remove(tempPath).catch(() => {});
      throw error;
    }
    return { tempPath, size, eTag: `"${md5.digest("hex")}"` };
  }

  /** Makes a staged upload the object's bytes; the caller's transaction rolls back if this throws. */
  async commit(staged: StagedObject, bucket: string, key: string): Promise<void> {
    const path = this.pathOf(bucket, key);
    const moveIntoPlace = async () => {
      await Deno.mkdir(dirname(path), { recursive: true });
      await Deno.rename(staged.tempPath, path);
    };
    try {
      await moveIntoPlace().catch((error) => {
        // A concurrent delete may have pruned the (then empty) folder between mkdir and rename.
        if (error instanceof Deno.errors.NotFound) return moveIntoPlace();
        throw error;
      });
    } catch (error) {
      // S3 allows both `a` and `a/b`; a file system cannot hold a file and a folder of one name.
      const clash = error instanceof Deno.errors.NotADirectory || error instanceof Deno.errors.IsADirectory ||
        error instanceof Deno.errors.AlreadyExists;
      if (clash) {
        throw storageErrors.invalidKey(key);
      }
      throw error;
    }
  }

  async discard(staged: StagedObject): Promise<void> {
    await Deno.remove(staged.tempPath).catch(() => {});
  }

  async open(bucket: string, key: string): Promise<{ file: Deno.FsFile; size: number } | undefined> {
    let file: Deno.FsFile;
    try {
      file = await Deno.open(this.pathOf(bucket, key), { read: true });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory) {
        return undefined;
      }
      throw error;
    }
    const { size, isFile } = await file.stat();
    if (!isFile) {
      file.close();
      return undefined;
    }
    return { file, size };
  }

  /**
   * Removes an object's file and the folders it leaves empty (an empty folder named like a
   * later object would block it). Runs after the row is gone: a leftover file is unreachable,
   * a row without its file would not be.
   */
  async remove(bucket: string, key: string): Promise<void> {
    const bucketDir = resolve(this.root, bucket);
    try {
      let path = this.pathOf(bucket, key);
      await Deno.remove(path);
      for (path = dirname(path); path !== bucketDir; path = dirname(path)) {
        await Deno.remove(path);
      }
    } catch (error) {
      const expected = error instanceof Deno.errors.NotFound ||
        (error as { code?: string }).code === "ENOTEMPTY";
      if (!expected) {
        log.warn("storage: could not remove an object's file", { bucket, key, error: String(error) });
      }
    }
  }
}

// @ts-check
// Files are written to a temporary name beside their destination and renamed
// into place, so a reader never sees half a report or half a notebook.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, basename, join } from "node:path";

let counter = 0;

/**
 * @param {string} path
 * @param {string | Uint8Array} content
 * @param {{ mode?: number }} [options] the file's permissions, given to it before it has content
 */
export function writeFileAtomic(path, content, { mode } = {}) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(temporary, content, mode === undefined ? undefined : { mode });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

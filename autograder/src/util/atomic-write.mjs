// @ts-check
// Files are written to a temporary name beside their destination and renamed
// into place, so a reader never sees half a report or half a notebook.
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, basename, join } from "node:path";

let counter = 0;

/**
 * @param {string} path
 * @param {string | Uint8Array} content
 */
export function writeFileAtomic(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

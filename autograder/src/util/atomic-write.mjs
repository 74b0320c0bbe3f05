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

/**
 * Files that belong together (a class's report.json, gradebook.csv and summary.md): all are
 * written before any is renamed into place, so that a full disk never leaves one new beside the
 * others old.
 * @param {[string, string | Uint8Array][]} files [path, content] pairs
 */
export function writeFilesAtomic(files) {
  /** @type {[string, string][]} */
  const written = [];
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
      written.push([temporary, path]);
      writeFileSync(temporary, content);
    }
  } catch (error) {
    for (const [temporary] of written) rmSync(temporary, { force: true });
    throw error;
  }
  for (const [temporary, path] of written) renameSync(temporary, path);
}

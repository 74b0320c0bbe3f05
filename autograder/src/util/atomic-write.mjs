// @ts-check
// Files are written to a temporary name beside their destination and renamed
// into place, so a reader never sees half a report or half a notebook.
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, basename, join } from "node:path";

/**
 * A new name beside `path` for its content until the rename, random, and made only if nothing has it: the hub's start
 * writes as root in the students' homes, and a link a student put at the name it would take (`.package.json.<pid>.0.tmp`)
 * had root write through it, any file of the machine.
 * @param {string} path
 */
const temporaryBeside = (path) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(8).toString("hex")}.tmp`);

/**
 * @param {string} path
 * @param {string | Uint8Array} content
 * @param {{ mode?: number }} [options] the file's permissions, given to it before it has content
 */
export function writeFileAtomic(path, content, { mode } = {}) {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryBeside(path);
  try {
    writeFileSync(temporary, content, { flag: "wx", ...(mode === undefined ? {} : { mode }) });
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
      const temporary = temporaryBeside(path);
      written.push([temporary, path]);
      writeFileSync(temporary, content, { flag: "wx" });
    }
  } catch (error) {
    for (const [temporary] of written) rmSync(temporary, { force: true });
    throw error;
  }
  for (const [temporary, path] of written) renameSync(temporary, path);
}

// @ts-check
// The files of a submission folder: notebooks by name, and the other files (which the notebooks
// are not given; grade-submission.mjs names them in a note). Symbolic links are never followed
// (one could point anywhere), and a file of several names (a hard link) is not read: a student's
// archive unpacked with Python's tarfile (before 3.14) or `shutil.unpack_archive` makes its hard
// link to `../../notebooks/src/arith.ipynb` another name of the course's solution, which was graded
// in full as the student's; checkpoints and packages are skipped.
import { lstatSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { isUtf8Name } from "./class-folder.mjs";

const SKIPPED_FOLDERS = new Set([".ipynb_checkpoints", "node_modules", "__pycache__", ".git"]);
// a notebook, also as a browser or an editor may have saved it (`arith.IPYNB`, `arith.ipynb.txt`,
// `arith.ipynb.json`): such a file is matched to a course notebook by its exercises
// (course-notebook-files.mjs), not copied beside the notebooks as a data file
const NOTEBOOK_FILE = /\.ipynb(\.txt|\.json)?$/i;

/**
 * @param {string} root
 * @returns {{ notebooks: { path: string, relative: string }[], others: { from: string, to: string, size: number }[], links: string[],
 *   hardLinks: string[], notUtf8: string[], unreadable: string[] }} hardLinks: files that have other names (st_nlink > 1), left out; notUtf8: names that are not UTF-8 (as shown, with replacement characters), left out;
 *   unreadable: folders that could not be listed, with the error's code, left out
 */
export function listFiles(root) {
  /** @type {{ path: string, relative: string }[]} */
  const notebooks = [];
  /** @type {{ from: string, to: string, size: number }[]} */
  const others = [];
  /** @type {string[]} */
  const links = [];
  /** @type {string[]} */
  const hardLinks = [];
  /** @type {string[]} */
  const notUtf8 = [];
  /** @type {string[]} */
  const unreadable = [];
  const walk = (/** @type {string} */ dir) => {
    // as bytes: a name that is not UTF-8 would come back as another name, which lstat cannot find
    let listed;
    try {
      listed = readdirSync(dir, { withFileTypes: true, encoding: "buffer" });
    } catch (error) {
      // the submission's own folder is the grader's problem; a folder in it that cannot be read (nested
      // past the longest path the file system allows, or closed to the grader) is left out, with a note
      if (dir === root) throw error;
      const shown = relative(root, dir);
      unreadable.push(`${shown.length > 120 ? `${shown.slice(0, 60)}…${shown.slice(-40)}` : shown} (${/** @type {NodeJS.ErrnoException} */ (error).code})`);
      return;
    }
    const entries = listed.map((entry) => ({ entry, name: entry.name.toString("utf8") }));
    for (const { entry, name } of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, name);
      if (!isUtf8Name(entry.name)) {
        notUtf8.push(relative(root, path));
        continue;
      }
      const rel = relative(root, path);
      if (entry.isSymbolicLink()) links.push(rel);
      else if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(name)) walk(path);
      } else if (entry.isFile()) {
        const { nlink, size } = lstatSync(path);
        if (nlink > 1) hardLinks.push(rel);
        else if (NOTEBOOK_FILE.test(name)) notebooks.push({ path, relative: rel });
        else others.push({ from: path, to: rel, size });
      }
    }
  };
  walk(root);
  return { notebooks, others, links, hardLinks, notUtf8, unreadable };
}

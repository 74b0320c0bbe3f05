// Which folder's disk is full, when a write fails with ENOSPC. npm start and validate write into the
// temporary folder too ($TMPDIR, else /tmp: the course's chapters as released, before they are copied
// into the workspace; the notebooks' runs), and a full /tmp (a small tmpfs, a shared machine's) had
// been told as the workspace's disk being full (npm start), or as a Python traceback and "wrote no
// notebook (Unexpected end of JSON input)" (validate): neither named the folder nor the fix.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// less room than this counts as full: a write of a chapter or a run's notebook takes more
const MIN_FREE_BYTES = 4 * 1024 * 1024;

/** The bytes free for this user on the disk holding `folder` (or the nearest folder above it there is), or undefined where that cannot be asked. */
export function roomIn(folder) {
  if (typeof fs.statfsSync !== "function") return undefined; // Node.js before 18.15
  let existing = path.resolve(folder);
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    const { bavail, bsize } = fs.statfsSync(existing);
    return Number(bavail) * Number(bsize);
  } catch {
    return undefined;
  }
}

export const isFull = (folder) => {
  const room = roomIn(folder);
  return room !== undefined && room < MIN_FREE_BYTES;
};

/** The temporary folder when its disk is full, else undefined. */
export const fullTempFolder = () => (isFull(os.tmpdir()) ? os.tmpdir() : undefined);

/** What to say of a full temporary folder `tmp`, which `command` (npm start, npm run validate) writes `what` into. */
export const fullTempAdvice = (tmp, command, what) =>
  `the temporary folder ${tmp} is full (no space left on its disk${process.env.TMPDIR ? ", named by TMPDIR" : ""}), where ${command} writes ${what}; ` +
  `free some space there, or give it a folder with room: TMPDIR=<folder> ${command}`;

/**
 * What is wrong with the temporary folder ($TMPDIR, else /tmp), where `command` writes `what`, when it is not a folder this
 * user can write (a TMPDIR left from another session or machine, its folder gone), else undefined: npm start and validate
 * said only "ENOENT: no such file or directory, mkdtemp '<folder>/neural-mi-release-XXXXXX'", naming neither TMPDIR nor the fix.
 */
export function unusableTempFolder(command, what) {
  const tmp = os.tmpdir();
  let problem;
  try {
    if (!fs.statSync(tmp).isDirectory()) problem = "is not a folder";
    else fs.accessSync(tmp, fs.constants.W_OK);
  } catch (error) {
    problem = error.code === "ENOENT" || error.code === "ENOTDIR" ? "does not exist" : `cannot be written by you (${error.code})`;
  }
  if (!problem) return undefined;
  const named = process.env.TMPDIR ? `, named by TMPDIR,` : "";
  return `the temporary folder ${tmp}${named} ${problem}, and ${command} writes ${what} there: ` +
    (process.env.TMPDIR ? `unset TMPDIR, or set it to a folder of your own: TMPDIR=<folder> ${command}` : `give it one: TMPDIR=<folder> ${command}`);
}

// The user's home folder, and a folder of the user's own to stand in for it where none is known.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The home folder, or undefined where none is known: HOME not set, for a user with no entry in the
 * system's list of users (a container run with a number for its user), where os.homedir() throws.
 */
export function homeFolder() {
  try {
    return os.homedir() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * `parent/<name>-<uid>`, made if need be, when it is a folder of this user's that only they can open;
 * else a new folder of that name with a random ending (another account holds the name).
 */
export function privateFolder(parent, name) {
  const dir = path.join(parent, `${name}-${process.getuid?.() ?? "user"}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
  }
  const info = fs.lstatSync(dir);
  if (info.isDirectory() && info.uid === process.getuid?.() && (info.mode & 0o077) === 0) return dir;
  return fs.mkdtempSync(path.join(parent, `${name}-`));
}

/**
 * The home folder Jupyter and its kernels are given: HOME when set, else the one the system lists,
 * else (a user the system does not list: a container's) a folder of the user's own in the
 * temporary folder. Without one, JupyterLab's start printed a Node.js stack trace ("uv_os_homedir
 * returned ENOENT"), and a Python asking Jupyter for the home folder stops at "Could not determine home directory".
 * @returns {{ dir: string, standIn: boolean }}
 */
export function homeForJupyter(base = process.env, known = homeFolder()) {
  if (base.HOME) return { dir: base.HOME, standIn: false };
  if (known) return { dir: known, standIn: false };
  return { dir: privateFolder(os.tmpdir(), "neural-mi-home"), standIn: true };
}

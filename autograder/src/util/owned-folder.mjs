// @ts-check
// Folders in a shared temporary folder (/tmp on a hub, where every account may make a folder under
// any name) that a grading run takes for its own: the packages' shared copy (package-mirror.mjs) and
// the work folders of earlier runs, which it empties and removes (work-folders.mjs). Only a folder of
// this user's that no other user may write to is one.
import { lstatSync } from "node:fs";

/**
 * A folder this process's user owns and no other user can write to (not a link to one).
 * @param {string} path
 */
export function ownedAndClosed(path) {
  try {
    const stats = lstatSync(path);
    const uid = process.getuid?.();
    return stats.isDirectory() && (uid === undefined || stats.uid === uid) && (stats.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

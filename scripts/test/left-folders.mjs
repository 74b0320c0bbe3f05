// Kernels' socket folders the run's tests left behind: a test that kills an nbgrader or a server
// on purpose leaves its kernels' folders (`neural-mi-kernel-*`, empty once the kernels end), which
// no manager removes until an hour later (autograder/src/nbgrader/unix_socket_kernels.py). Once
// every process of the run has ended, those made during the run are removed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const PREFIX = "neural-mi-kernel-";

/** The socket folders in `base` now, by name. */
export function socketFolders(base = os.tmpdir()) {
  try {
    return new Set(fs.readdirSync(base).filter((name) => name.startsWith(PREFIX)));
  } catch {
    return new Set();
  }
}

/**
 * Removes the empty socket folders made since `before` (socketFolders() at the run's start);
 * returns how many. A folder that is not empty is a live kernel's, of another run: it stays.
 */
export function removeLeftSocketFolders(before, base = os.tmpdir()) {
  let removed = 0;
  for (const name of socketFolders(base)) {
    if (before.has(name)) continue;
    try {
      fs.rmdirSync(path.join(base, name));
      removed += 1;
    } catch {
      // not empty, or gone
    }
  }
  return removed;
}

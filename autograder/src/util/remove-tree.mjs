// @ts-check
// Removes a file or a folder of any depth. node's `rmSync(…, { recursive: true })` recurses once a
// level: a kernel's folder nested 2040 deep (one `mkdirSync` of "a/" 2040 times from its working
// folder) overflowed its stack ("Maximum call stack size exceeded") as the grader removed the
// kernel's sandbox. Here each round lifts what lies two levels down into the folder itself and
// removes the emptied folders, so that no path grows longer than two names below it.
import { chmodSync, lstatSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";

/** @param {Buffer} path */
function exists(path) {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A folder its owner closed to itself is opened again to be emptied. @param {Buffer} folder */
function openUp(folder) {
  try {
    chmodSync(folder, 0o700);
  } catch {
    // not ours to open: reading it says why
  }
}

/** @param {Buffer} folder @param {Buffer} name names as bytes: a name that is not UTF-8 would come back as another */
const inside = (folder, name) => Buffer.concat([folder, Buffer.from("/"), name]);

/** @param {string} path */
export function removeTree(path) {
  const root = Buffer.from(path);
  let info;
  try {
    info = lstatSync(root);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT") return;
    throw error;
  }
  if (!info.isDirectory()) {
    rmSync(root, { force: true });
    return;
  }
  let lifted = 0;
  for (;;) {
    openUp(root);
    const entries = readdirSync(root, { withFileTypes: true, encoding: "buffer" });
    if (entries.length === 0) break;
    for (const entry of entries) {
      const child = inside(root, entry.name);
      if (!entry.isDirectory()) {
        rmSync(child, { force: true });
        continue;
      }
      openUp(child);
      for (const name of readdirSync(child, { encoding: "buffer" })) {
        let target = inside(root, Buffer.from(`.lifted-${lifted}`));
        while (exists(target)) target = inside(root, Buffer.from(`.lifted-${++lifted}`));
        renameSync(inside(child, name), target);
      }
      rmdirSync(child);
    }
  }
  rmdirSync(root);
}

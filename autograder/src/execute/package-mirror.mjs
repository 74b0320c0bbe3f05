// @ts-check
// The packages as kernels see them: node_modules copied as hard links, with every symbolic
// link turned into real folders and files (a link into the repository, such as
// node_modules/neural-mi -> ../lib, would let "neural-mi/../notebooks" read the solutions:
// node's permission model checks paths as written, the operating system follows links).
//
// Making such a copy of the ~10,000 files takes about 0.7 s of CPU and removing it 1.5 s, more
// than a grading run spends on anything but its kernels. So a grading run takes a shared copy
// beside its folder, `<base>/neural-mi-packages-<stamp>/node_modules`, made by the first run
// that needs it and kept for the next. Its stamp covers every mirrored file's path, inode,
// size and modification time: a package installed, patched or rebuilt gives another stamp and so a
// copy of its own. A copy is used only when it is a folder of this user that no other user may
// write to (a folder of that name planted in a shared /tmp is not taken), and copies no run
// has used for a day are removed.
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ownedAndClosed } from "../util/owned-folder.mjs";

const PREFIX = "neural-mi-packages-";
const MARKER = ".complete";
const UNUSED_FOR_MS = 24 * 3600 * 1000;

/**
 * Visits a folder as the copy sees it: `.bin` folders left out, symbolic links followed
 * (dangling ones skipped), each real folder once per branch (a guard against cycles).
 * @param {string} from
 * @param {{ folder: (relative: string) => void, file: (relative: string, real: string) => void }} visit
 */
function walkPackages(from, visit, relative = "", ancestors = new Set()) {
  const real = realpathSync(from);
  if (ancestors.has(real)) return;
  ancestors.add(real);
  visit.folder(relative);
  for (const entry of readdirSync(real, { withFileTypes: true })) {
    if (entry.name === ".bin") continue;
    const source = join(real, entry.name);
    const inside = relative ? join(relative, entry.name) : entry.name;
    if (entry.isDirectory()) walkPackages(source, visit, inside, ancestors);
    else if (entry.isFile()) visit.file(inside, source);
    else if (entry.isSymbolicLink()) {
      let stats;
      try {
        stats = statSync(source);
      } catch {
        continue; // a dangling link
      }
      if (stats.isDirectory()) walkPackages(source, visit, inside, ancestors);
      else if (stats.isFile()) visit.file(inside, realpathSync(source));
    }
  }
  ancestors.delete(real);
}

/**
 * Mirrors a folder with hard links (copies where links are impossible), turning symlinks into
 * real folders and files; every folder readable by kernels of other users.
 * @param {string} from @param {string} to
 */
export function mirrorTree(from, to) {
  walkPackages(from, {
    folder(relative) {
      const target = join(to, relative);
      mkdirSync(target, { recursive: true });
      chmodSync(target, 0o755);
    },
    file(relative, real) {
      const target = join(to, relative);
      try {
        linkSync(real, target);
      } catch {
        copyFileSync(real, target);
      }
    },
  });
}

/**
 * What the copy of `from` would hold, as a hash: each file's place, inode, size and times.
 * @param {string} from
 */
export function packagesStamp(from) {
  const hash = createHash("sha256");
  walkPackages(from, {
    folder(relative) {
      hash.update(`d ${relative}\n`);
    },
    file(relative, real) {
      const stats = statSync(real, { bigint: true });
      // not the change time: every hard link made to a file changes it
      hash.update(`f ${relative} ${stats.dev}:${stats.ino} ${stats.size} ${stats.mtimeNs} ${stats.mode}\n`);
    },
  });
  return hash.digest("hex").slice(0, 24);
}

/**
 * The shared copy of `from` in `base` (made now if there is none for its stamp), as the path
 * of its node_modules folder, and whether an earlier run made it. Throws when the name is
 * held by a folder it may not use (the caller then makes a copy of its own).
 * @param {string} from @param {string} base
 * @returns {{ modules: string, reused: boolean }}
 */
export function sharedPackages(from, base) {
  const stamp = packagesStamp(from);
  const place = join(base, PREFIX + stamp);
  const modules = join(place, "node_modules");
  removeUnused(base, place);
  if (ownedAndClosed(place) && ownedAndClosed(modules) && isComplete(place)) {
    touch(place);
    return { modules, reused: true };
  }
  // a name of its own no other account can hold first: under `<place>.making-<pid>`, a folder planted for the
  // next run's process id was this user's to empty (as root, a walk of her tree); an unfinished one is removed
  // with the unused copies
  const scratch = mkdtempSync(`${place}.making-`);
  chmodSync(scratch, 0o755);
  try {
    mirrorTree(from, join(scratch, "node_modules"));
    writeFileSync(join(scratch, MARKER), `${stamp}\n`, { mode: 0o644 });
    // a copy left unfinished, or planted under this name, is set aside (its name is taken): a copy of ours
    // removed, anything else moved aside whole and never walked (as root, removing another account's tree,
    // which she can change while it is walked, could be led out of it by a folder swapped for a link)
    if (!(ownedAndClosed(place) && isComplete(place))) {
      try {
        if (ownedAndClosed(place)) rmSync(place, { recursive: true, force: true });
        else setAside(place);
        renameSync(scratch, place);
      } catch {
        // another run put its copy in place first (that one is as good as this), or a folder
        // of another user holds the name (checked below)
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  if (!(ownedAndClosed(place) && ownedAndClosed(modules) && isComplete(place))) {
    throw new Error(`could not make the packages' copy in ${place}`);
  }
  touch(place);
  return { modules, reused: false };
}

/** Moves what holds `place`'s name, if anything, to a name of its own beside it. @param {string} place */
function setAside(place) {
  try {
    renameSync(place, `${place}.set-aside-${process.pid}-${Date.now()}`);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ENOENT") throw error;
  }
}

/** @param {string} place */
function isComplete(place) {
  try {
    return lstatSync(join(place, MARKER)).isFile();
  } catch {
    return false;
  }
}

/**
 * Marks a copy as used now (its marker's time).
 * @param {string} place
 */
function touch(place) {
  const now = new Date();
  try {
    utimesSync(join(place, MARKER), now, now);
  } catch {
    // read-only: the copy may then be removed a day after it was made, and made again
  }
}

/**
 * Removes this user's copies other than `keep` that no run has used for a day.
 * @param {string} base @param {string} keep
 */
function removeUnused(base, keep) {
  let names;
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) {
    const place = join(base, name);
    if (!name.startsWith(PREFIX) || place === keep || !ownedAndClosed(place)) continue;
    try {
      // a copy's marker tells when it was last used; an unfinished copy has only its folder's time
      const used = isComplete(place) ? lstatSync(join(place, MARKER)).mtimeMs : lstatSync(place).mtimeMs;
      if (Date.now() - used > UNUSED_FOR_MS) rmSync(place, { recursive: true, force: true });
    } catch {
      // removed by another run at the same time
    }
  }
}

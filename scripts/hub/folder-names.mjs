// Reading a folder a student can fill, as root: a name at a time, never its whole listing, and never through a link.
import fs from "node:fs";

/** Flags that open a folder, and refuse a link in its place (ELOOP) or another kind of entry (ENOTDIR). */
export const FOLDER_NOFOLLOW = fs.constants.O_RDONLY | fs.constants.O_DIRECTORY | fs.constants.O_NOFOLLOW;

/**
 * The names in `dir` that `keep` takes, up to `limit`, read a name at a time (fs.opendirSync): the whole listing of a
 * folder students write is never held (10 million names made by hand: some 1 GB of root's start).
 */
export function namesIn(dir, keep, limit = Infinity) {
  const kept = [];
  const listing = fs.opendirSync(dir);
  try {
    for (let entry = listing.readSync(); entry !== null && kept.length < limit; entry = listing.readSync()) if (keep(entry.name)) kept.push(entry.name);
  } finally {
    listing.closeSync();
  }
  return kept;
}

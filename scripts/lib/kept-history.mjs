// The earlier versions of the student's files in the kept copy (scripts/lib/kept-work.mjs). The copy
// is refreshed at each start and stop to the workspace as it is; as a mirror, a chapter the student
// deleted (which the next start put back as the course delivered it) or emptied by mistake left the
// copy with the workspace, and her answers were nowhere. Each refresh now moves the versions it
// replaces or drops into `.earlier/r<order>-<time>/` of the copy (hidden: never put back by itself), the last
// MAX_REFRESHES refreshes' and at most MAX_BYTES in all.
import fs from "node:fs";
import path from "node:path";

export const EARLIER = ".earlier";
const MAX_REFRESHES = 20;
const MAX_BYTES = 200 * 1024 * 1024;

const sameBytes = (a, b) => {
  try {
    return fs.statSync(a).size === fs.statSync(b).size && fs.readFileSync(a).equals(fs.readFileSync(b));
  } catch {
    return false;
  }
};

/**
 * Carries the earlier versions of the copy `previous` into `fresh`, the copy replacing it, with the
 * files of `previous` that `fresh` lacks (`gone`) or holds otherwise (`changed`) added under
 * `.earlier/r<order>-<stamp>/`. Returns { folder (that folder, undefined when nothing was displaced), gone, changed }.
 * @param {{ previous: string, fresh: string, files: string[], stamp?: string }} copies `files`: the files of `previous`
 */
export function carryEarlier({ previous, fresh, files, stamp = new Date().toISOString().replace(/[:.]/g, "-") }) {
  const earlier = path.join(fresh, EARLIER);
  if (fs.existsSync(path.join(previous, EARLIER))) fs.renameSync(path.join(previous, EARLIER), earlier);
  const gone = files.filter((file) => !fs.existsSync(path.join(fresh, file)));
  const changed = files.filter((file) => fs.existsSync(path.join(fresh, file)) && !sameBytes(path.join(previous, file), path.join(fresh, file)));
  if (gone.length + changed.length === 0) return { folder: undefined, gone, changed };
  const folder = path.join(earlier, `${nextRefresh(earlier)}-${stamp}`);
  for (const file of [...gone, ...changed]) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(previous, file), path.join(folder, file));
  }
  prune(earlier, folder);
  return { folder, gone, changed };
}

/**
 * The order of the next refresh's folder, `r00000001`, `r00000002`…, as its name begins: the folders
 * are told apart by their names' order, and a time alone put a refresh made under a clock set back
 * (a dead clock battery, a clock corrected after running ahead) before the older ones, where the next
 * refresh dropped it (only the last 20 are kept) and the start named an older version as the last.
 * Folders named by their time alone, of copies made before, sort before these ("2…" < "r…").
 */
function nextRefresh(earlier) {
  if (!fs.existsSync(earlier)) return "r00000001";
  const last = fs
    .readdirSync(earlier)
    .map((name) => /^r(\d+)-/.exec(name)?.[1])
    .filter((n) => n !== undefined)
    .reduce((max, n) => Math.max(max, Number(n)), 0);
  return `r${String(last + 1).padStart(8, "0")}`;
}

/** Drops the oldest refreshes' folders of `earlier` beyond MAX_REFRESHES or MAX_BYTES, never `latest`. */
function prune(earlier, latest) {
  const stamps = fs.readdirSync(earlier).sort().reverse(); // the latest first (nextRefresh)
  let total = 0;
  stamps.forEach((stamp, i) => {
    const folder = path.join(earlier, stamp);
    total += sizeOf(folder);
    if (folder !== latest && (i >= MAX_REFRESHES || total > MAX_BYTES)) fs.rmSync(folder, { recursive: true, force: true });
  });
}

const sizeOf = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? sizeOf(full) : fs.lstatSync(full).size);
  }, 0);

/** The latest earlier version of `file` kept in the copy `dir` (its full path), or undefined. */
export function latestEarlier(dir, file) {
  const earlier = path.join(dir, EARLIER);
  if (!fs.existsSync(earlier)) return undefined;
  for (const stamp of fs.readdirSync(earlier).sort().reverse()) {
    const version = path.join(earlier, stamp, file);
    if (fs.existsSync(version)) return version;
  }
  return undefined;
}

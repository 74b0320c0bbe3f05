// @ts-check
// Content hashes that decide whether a submission needs grading again: its
// files, the course, the grader's own code and its settings.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { autograderDir, repoRoot } from "./paths.mjs";

/** @param {string} dir @param {(name: string) => boolean} keep @returns {string[]} */
function filesUnder(dir, keep) {
  /** @type {string[]} */
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, keep));
    else if (entry.isFile() && keep(entry.name)) found.push(path);
  }
  return found.sort();
}

let graderHash = "";

/**
 * A hash of what decides a grade besides the submission: the grader's source and stubs, the
 * library the tests call and its kernel (the hardening, the compile table's opening), the
 * packages' versions and their patches. Changing any re-grades everything, so that a result a
 * since-closed hole earned does not stay.
 */
export function graderFingerprint() {
  if (!graderHash) {
    const hash = createHash("sha256");
    const files = [
      ...filesUnder(join(autograderDir, "src"), (name) => /\.(mjs|cjs|py)$/.test(name)),
      join(autograderDir, "stubs.json"),
      ...filesUnder(join(repoRoot, "lib", "src"), (name) => name.endsWith(".ts")),
      ...filesUnder(join(repoRoot, "lib", "kernel"), (name) => /\.(cjs|mjs|js)$/.test(name)),
      ...filesUnder(join(repoRoot, "patches"), () => true),
      join(repoRoot, "package-lock.json"),
    ].filter((path) => existsSync(path));
    for (const path of files) hash.update(relative(repoRoot, path)).update(readFileSync(path));
    graderHash = hash.digest("hex");
  }
  return graderHash;
}

// What a submission's key reads of its files, in all: past it, a file counts by its size and modification
// time, not read (the notebooks are read first). Each file was read up to 100 MB, and every file of the
// submission: 100 empty sparse files of 100 MB (12 KB of disk) took 56 s of the grader's thread, 30 s of CPU,
// before any student of the class started, at every run (tests/autograder/results.test.mjs).
const HASHED_BYTES = 100 * 2 ** 20;

/**
 * @param {{ files: { path: string, relative: string }[], course: string, settings: unknown }} input
 * @returns {string}
 */
export function submissionKey({ files, course, settings }) {
  const hash = createHash("sha256");
  hash.update(graderFingerprint()).update(course).update(JSON.stringify(settings));
  const sorted = [...files].sort((a, b) => a.relative.localeCompare(b.relative));
  const stats = new Map(sorted.map((file) => [file, statSync(file.path)]));
  /** @type {Set<{ path: string, relative: string }>} */
  const read = new Set();
  let budget = HASHED_BYTES;
  const notebook = (/** @type {{ relative: string }} */ file) => /\.ipynb$/i.test(file.relative);
  for (const file of [...sorted.filter(notebook), ...sorted.filter((file) => !notebook(file))]) {
    const { size } = /** @type {import("node:fs").Stats} */ (stats.get(file));
    if (size > budget) continue;
    budget -= size;
    read.add(file);
  }
  for (const file of sorted) {
    const { size, mtimeMs } = /** @type {import("node:fs").Stats} */ (stats.get(file));
    hash.update(file.relative).update("\0").update(read.has(file) ? readFileSync(file.path) : `size ${size}, modified ${mtimeMs}`).update("\0");
  }
  return hash.digest("hex");
}

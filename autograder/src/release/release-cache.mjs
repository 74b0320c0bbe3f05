// @ts-check
// Each notebook's release, kept in .cache/release/ under a hash of everything it
// depends on (the notebook, the stubs, the Python and its requirements, the release
// script), so that `npm start` and the grader start nbgrader only after a change.
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { repoRoot } from "../util/paths.mjs";

const cacheDir = join(repoRoot, ".cache", "release");

/**
 * @typedef {{ reference: string, student: string }} ReleasedTexts the files as nbformat writes them
 */

/**
 * @param {{ python: string, script: string, stubs: object, source: object }} inputs
 * @returns {string}
 */
export function releaseKey({ python, script, stubs, source }) {
  const hash = createHash("sha256");
  // the release script and the step of ours it runs among nbgrader's
  const steps = [readFileSync(script), readFileSync(join(repoRoot, "autograder", "src", "nbgrader", "released_attachments.py"))];
  for (const part of [python, ...steps, readFileSync(join(repoRoot, "requirements.txt")), JSON.stringify(stubs), JSON.stringify(source)]) {
    hash.update(part).update("\0");
  }
  return hash.digest("hex");
}

/** @param {string} key @returns {ReleasedTexts | undefined} */
export function readCachedRelease(key) {
  const file = join(cacheDir, `${key}.json`);
  if (!existsSync(file)) return undefined;
  try {
    const cached = JSON.parse(readFileSync(file, "utf8"));
    return typeof cached?.reference === "string" && typeof cached?.student === "string" ? cached : undefined;
  } catch {
    return undefined; // unreadable: released again
  }
}

/**
 * A checkout the grader cannot write to still releases, only without the cache.
 * @param {string} key @param {ReleasedTexts} texts
 */
export function cacheRelease(key, texts) {
  try {
    // each release holds the chapter's hidden tests: readable by the checkout's owner only (on a
    // hub, the students' accounts share the machine)
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    chmodSync(cacheDir, 0o700);
    writeFileAtomic(join(cacheDir, `${key}.json`), JSON.stringify(texts));
  } catch {
    // no cache
  }
}

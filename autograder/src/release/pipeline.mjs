// @ts-check
// The release, made by nbgrader's own preprocessors in the project's Python
// (release_notebooks.py): the "reference" version (solutions stubbed, hidden tests
// kept) is what test and read-only cells are restored from when grading; the
// "student" version is what students get. One Python process releases a whole
// batch, and each notebook's release is kept in .cache/release/ under a hash of
// everything it depends on, so `npm start` and the grader pay for nbgrader's
// import only when a notebook, the stubs or the Python environment changed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseNotebook } from "../notebook/format.mjs";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { environmentPython, repoRoot } from "../util/paths.mjs";
import { checkCourseMetadata } from "./check-metadata.mjs";

const releaseScript = join(repoRoot, "autograder", "src", "release", "release_notebooks.py");
const cacheDir = join(repoRoot, ".cache", "release");

/**
 * @typedef {import("../notebook/format.mjs").Notebook} Notebook
 * @typedef {{ language: string, code: string, text: string }} Stubs
 * @typedef {{ reference: Notebook, student: Notebook, referenceText: string, studentText: string }} Release
 *   the texts are the files as nbformat writes them
 */

/**
 * @param {Notebook} source the instructor's notebook, solutions and hidden tests in
 * @param {Stubs} stubs
 * @returns {Release}
 */
export function releaseNotebook(source, stubs) {
  return releaseNotebooks([source], stubs)[0];
}

/**
 * Releases several notebooks with one run of nbgrader's preprocessors.
 * @param {Notebook[]} sources
 * @param {Stubs} stubs
 * @param {string[]} [names] what to call each notebook in an error (e.g. its file)
 * @returns {Release[]}
 */
export function releaseNotebooks(sources, stubs, names) {
  return releaseOutcomes(sources, stubs).map((outcome, index) => {
    if ("error" in outcome) throw new Error(names ? `${names[index]}: ${outcome.error}` : outcome.error);
    return outcome;
  });
}

/**
 * Each notebook's release, or why it has none (nbgrader's reason, with the cell it concerns).
 * @param {Notebook[]} sources
 * @param {Stubs} stubs
 * @returns {(Release | { error: string })[]}
 */
export function releaseOutcomes(sources, stubs) {
  const python = environmentPython();
  const problems = sources.map(courseMetadataProblem);
  const keys = sources.map((source) => cacheKey(python, source, stubs));
  /** @type {({ reference: string, student: string } | { error: string } | undefined)[]} */
  const outcomes = keys.map((key, index) => problems[index] ?? readCached(key));
  const missing = outcomes.flatMap((outcome, index) => (outcome === undefined ? [index] : []));
  if (missing.length > 0) {
    const results = runNbgrader(python, missing.map((index) => sources[index]), stubs);
    results.forEach((result, at) => {
      const index = missing[at];
      if ("error" in result) {
        outcomes[index] = { error: describeRejection(sources[index], result, stubs) };
      } else {
        outcomes[index] = { reference: result.reference, student: result.student };
        writeCached(keys[index], outcomes[index]);
      }
    });
  }
  return outcomes.map((outcome) => {
    if (outcome === undefined || "error" in outcome) return /** @type {{ error: string }} */ (outcome);
    const { reference, student } = outcome;
    return { reference: parseNotebook(reference), student: parseNotebook(student), referenceText: reference, studentText: student };
  });
}

/** @param {Notebook} source @returns {{ error: string } | undefined} */
function courseMetadataProblem(source) {
  try {
    checkCourseMetadata(source);
    return undefined;
  } catch (error) {
    return { error: /** @type {Error} */ (error).message };
  }
}

/**
 * @param {string} python @param {Notebook[]} notebooks @param {Stubs} stubs
 * @returns {({ reference: string, student: string } | { error: string, cell: number | null })[]}
 */
function runNbgrader(python, notebooks, stubs) {
  const run = spawnSync(python, [releaseScript], {
    input: JSON.stringify({ stubs, notebooks }),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (run.error || run.status !== 0) {
    const why = run.error?.message ?? run.stderr.trim().split("\n").slice(-5).join("\n");
    throw new Error(`nbgrader's release steps failed in ${python}: ${why}\n(run \`node scripts/setup.mjs\` if the environment is incomplete)`);
  }
  return JSON.parse(run.stdout).results;
}

/**
 * nbgrader's reason, with the cell it concerns and, for the kernel language, the fix.
 * @param {Notebook} source @param {{ error: string, cell: number | null }} result @param {Stubs} stubs
 */
function describeRejection(source, { error, cell }, stubs) {
  const id = cell === null ? undefined : source.cells[cell]?.metadata?.nbgrader?.grade_id;
  const where = cell === null ? "" : id ? `cell "${id}" (cell ${cell + 1}): ` : `cell ${cell + 1}: `;
  const language = /language '(.*)' has not been specified in ClearSolutions\.code_stub/.exec(error);
  const fix = language
    ? ` (the course's stubs are for ${stubs.language}: set metadata.kernelspec.language to "${stubs.language}", the tslab kernel's)`
    : "";
  return `${where}nbgrader rejects it: ${error}${fix}`;
}

/** Everything a notebook's release depends on. @param {string} python @param {Notebook} source @param {Stubs} stubs */
function cacheKey(python, source, stubs) {
  const hash = createHash("sha256");
  for (const part of [python, readFileSync(releaseScript), readFileSync(join(repoRoot, "requirements.txt")), JSON.stringify(stubs), JSON.stringify(source)]) {
    hash.update(part).update("\0");
  }
  return hash.digest("hex");
}

/** @param {string} key */
function readCached(key) {
  const file = join(cacheDir, `${key}.json`);
  if (!existsSync(file)) return undefined;
  try {
    const cached = JSON.parse(readFileSync(file, "utf8"));
    return typeof cached?.reference === "string" && typeof cached?.student === "string" ? cached : undefined;
  } catch {
    return undefined; // unreadable: released again
  }
}

/** A checkout the grader cannot write to still releases, only without the cache. @param {string} key @param {object} texts */
function writeCached(key, texts) {
  try {
    writeFileAtomic(join(cacheDir, `${key}.json`), JSON.stringify(texts));
  } catch {
    // no cache
  }
}

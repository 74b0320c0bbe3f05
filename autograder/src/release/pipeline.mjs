// @ts-check
// The release, made by nbgrader's own preprocessors in the project's Python
// (release_notebooks.py): the "reference" version (solutions stubbed, hidden tests
// kept) is what test and read-only cells are restored from when grading; the
// "student" version is what students get. One Python process releases a whole
// batch (importing nbgrader takes seconds), and only what release-cache.mjs does
// not hold already.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseNotebook } from "../notebook/format.mjs";
import { environmentPython, repoRoot } from "../util/paths.mjs";
import { checkCourseMetadata } from "./check-metadata.mjs";
import { cacheRelease, readCachedRelease, releaseKey } from "./release-cache.mjs";

const releaseScript = join(repoRoot, "autograder", "src", "release", "release_notebooks.py");

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
  const keys = sources.map((source) => releaseKey({ python, script: releaseScript, stubs, source }));
  /** @type {(import("./release-cache.mjs").ReleasedTexts | { error: string } | undefined)[]} */
  const outcomes = keys.map((key, index) => problems[index] ?? readCachedRelease(key));
  const missing = outcomes.flatMap((outcome, index) => (outcome === undefined ? [index] : []));
  if (missing.length > 0) {
    const results = runNbgrader(python, missing.map((index) => sources[index]), stubs);
    results.forEach((result, at) => {
      const index = missing[at];
      if ("error" in result) {
        outcomes[index] = { error: describeRejection(sources[index], result, stubs) };
      } else {
        outcomes[index] = { reference: result.reference, student: result.student };
        cacheRelease(keys[index], { reference: result.reference, student: result.student });
      }
    });
  }
  return outcomes.map((outcome, index) => {
    if (outcome === undefined || "error" in outcome) return /** @type {{ error: string }} */ (outcome);
    const { reference, student } = outcome;
    return {
      reference: withAuthoredOrder(parseNotebook(reference), sources[index]),
      student: withAuthoredOrder(parseNotebook(student), sources[index]),
      referenceText: reference,
      studentText: student,
    };
  });
}

/**
 * nbformat writes every object's keys sorted; the course's own cell metadata (`neural_mi`)
 * gets back the author's order, which is the order a test's checks are reported in.
 * @param {Notebook} released changed in place @param {Notebook} source @returns {Notebook}
 */
function withAuthoredOrder(released, source) {
  /** @type {Map<unknown, unknown>} */
  const authored = new Map();
  for (const cell of source.cells) {
    const id = cell.metadata?.nbgrader?.grade_id;
    if (id !== undefined && cell.metadata?.neural_mi !== undefined) authored.set(id, cell.metadata.neural_mi);
  }
  for (const cell of released.cells) {
    const pattern = authored.get(cell.metadata?.nbgrader?.grade_id);
    if (pattern !== undefined && cell.metadata?.neural_mi !== undefined) cell.metadata.neural_mi = orderedLike(cell.metadata.neural_mi, pattern);
  }
  return released;
}

/**
 * `value` with the keys of its objects in `pattern`'s order, those `pattern` lacks last.
 * @param {any} value @param {any} pattern @returns {any}
 */
function orderedLike(value, pattern) {
  const isObject = (/** @type {any} */ x) => x !== null && typeof x === "object" && !Array.isArray(x);
  if (!isObject(value) || !isObject(pattern)) return value;
  /** @type {Record<string, any>} */
  const ordered = {};
  for (const key of Object.keys(pattern)) if (key in value) ordered[key] = orderedLike(value[key], pattern[key]);
  for (const key of Object.keys(value)) if (!(key in ordered)) ordered[key] = value[key];
  return ordered;
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

// @ts-check
// Releases every notebook of a source folder into an output folder.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { parseNotebook } from "../notebook/format.mjs";
import { isGrade, isSolution, maxPoints } from "../notebook/nbgrader-cells.mjs";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { releaseNotebooks } from "./pipeline.mjs";

const SKIPPED = new Set([".ipynb_checkpoints", "node_modules", "__pycache__"]);
// Only images and data travel with the notebooks: the source folder may hold
// the notebooks' own sources (with solutions), which students must not get.
const ASSET_EXTENSIONS = new Set([".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".csv", ".tsv"]);

/**
 * @param {string} sourceDir
 * @returns {string[]} notebook file names directly in the folder, sorted
 */
export function sourceNotebookNames(sourceDir) {
  if (!existsSync(sourceDir)) throw new Error(`the source folder ${sourceDir} does not exist (expected the course notebooks, e.g. notebooks/)`);
  return readdirSync(sourceDir)
    .filter((name) => name.endsWith(".ipynb") && statSync(join(sourceDir, name)).isFile())
    .sort();
}

/**
 * Reads and parses a source notebook, naming the file in any error.
 * @param {string} path
 */
export function readSourceNotebook(path) {
  try {
    return parseNotebook(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${/** @type {Error} */ (error).message}`);
  }
}

/**
 * Refuses a source folder that holds the student edition (a release's output, or nbgrader's release/ or submitted/):
 * its graded cells carry nbgrader's checksums, which only the release writes, its answers are the stubs and its hidden
 * tests are gone. Given as the course (`--source release/`), every student was graded 0, each answer "rejected: it
 * declares `square`, a name of the course's that the tests read", the run ending as if all went well.
 * @param {string} sourceDir @param {string[]} names @param {{ cells: { metadata?: any }[] }[]} sources
 */
export function refuseStudentEdition(sourceDir, names, sources) {
  const released = names.filter((_, index) => sources[index].cells.some((cell) => cell.metadata?.nbgrader?.checksum !== undefined));
  if (released.length === 0) return;
  throw new Error(
    `${sourceDir} holds the student edition of the course (${released.join(", ")}: nbgrader's checksums, which the release writes; ` +
      "its answers are the stubs and its hidden tests are gone), not the instructor's notebooks: give --source the folder with the solutions (notebooks/ by default)",
  );
}

/**
 * @param {{ sourceDir: string, outDir: string, stubs: import("./pipeline.mjs").Stubs }} options
 * @returns {{ notebooks: { name: string, codeExercises: number, writtenExercises: number, points: number }[] }}
 */
export function releaseDirectory({ sourceDir, outDir, stubs }) {
  const names = sourceNotebookNames(sourceDir);
  if (names.length === 0) throw new Error(`no notebooks (*.ipynb) in ${sourceDir}`);
  const paths = names.map((name) => join(sourceDir, name));
  const sources = paths.map(readSourceNotebook);
  refuseStudentEdition(sourceDir, names, sources);
  const releases = releaseNotebooks(sources, stubs, paths);
  const released = names.map((name, index) => {
    writeFileAtomic(join(outDir, name), releases[index].studentText);
    const source = sources[index];
    const graded = source.cells.filter(isGrade);
    return {
      name,
      codeExercises: source.cells.filter((cell) => isSolution(cell) && cell.cell_type === "code").length,
      writtenExercises: graded.filter((cell) => cell.cell_type === "markdown").length,
      points: graded.reduce((sum, cell) => sum + maxPoints(cell), 0),
    };
  });
  copyOtherFiles(sourceDir, outDir, sourceDir);
  return { notebooks: released };
}

/** Images and data files beside the notebooks travel with them, as in nbgrader. */
export function copyOtherFiles(/** @type {string} */ dir, /** @type {string} */ outDir, /** @type {string} */ root) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyOtherFiles(path, outDir, root);
    else if (entry.isFile() && ASSET_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      const target = join(outDir, relative(root, path));
      mkdirSync(join(target, ".."), { recursive: true });
      copyFileSync(path, target);
    }
  }
}

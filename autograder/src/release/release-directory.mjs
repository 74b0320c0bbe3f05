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
 * @param {{ sourceDir: string, outDir: string, stubs: import("./pipeline.mjs").Stubs }} options
 * @returns {{ notebooks: { name: string, codeExercises: number, writtenExercises: number, points: number }[] }}
 */
export function releaseDirectory({ sourceDir, outDir, stubs }) {
  const names = sourceNotebookNames(sourceDir);
  if (names.length === 0) throw new Error(`no notebooks (*.ipynb) in ${sourceDir}`);
  const paths = names.map((name) => join(sourceDir, name));
  const sources = paths.map(readSourceNotebook);
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

// @ts-check
// The course as the grader needs it: for each notebook, the reference version
// (tests are restored from it) and the student version, with its exercises.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { gradeId, isGrade, isSolution, isTask, maxPoints } from "../notebook/nbgrader-cells.mjs";
import { releaseNotebooks } from "../release/pipeline.mjs";
import { readSourceNotebook, refuseStudentEdition, sourceNotebookNames } from "../release/release-directory.mjs";

/**
 * @typedef {import("./grade-notebook.mjs").CourseNotebook} CourseNotebook
 * @typedef {{ sourceDir: string, notebooks: CourseNotebook[], maxScore: number, fingerprint: string }} Course
 */

/**
 * @param {string} sourceDir
 * @param {import("../release/pipeline.mjs").Stubs} stubs
 * @param {{ releasedAllowed?: boolean }} [options] releasedAllowed: the folder may hold the released notebooks (the
 *   set-up's compile table, in any checkout, the student edition's notebooks/ being the release); grading refuses them as its course
 * @returns {Course}
 */
export function loadCourse(sourceDir, stubs, { releasedAllowed = false } = {}) {
  const names = sourceNotebookNames(sourceDir);
  if (names.length === 0) throw new Error(`no notebooks (*.ipynb) in the course folder ${sourceDir}`);
  const fingerprint = createHash("sha256");
  const paths = names.map((name) => join(sourceDir, name));
  const sources = paths.map(readSourceNotebook);
  if (!releasedAllowed) refuseStudentEdition(sourceDir, names, sources);
  const releases = releaseNotebooks(sources, stubs, paths);
  const notebooks = names.map((name, index) => {
    const source = sources[index];
    const versions = releases[index];
    fingerprint.update(name).update(versions.referenceText);
    const answers = new Map(source.cells.filter((cell) => isSolution(cell) && gradeId(cell)).map((cell) => [gradeId(cell), referenceAnswer(cell.source)]));
    const exercises = versions.reference.cells
      .filter((cell) => (isGrade(cell) || isTask(cell)) && gradeId(cell))
      .map((cell) => ({
        id: /** @type {string} */ (gradeId(cell)),
        kind: isTask(cell) ? "task" : isSolution(cell) ? (cell.cell_type === "markdown" ? "written" : "answer") : "test",
        maxPoints: maxPoints(cell),
        // what a person grading the answer compares it with
        ...(isSolution(cell) && !isTask(cell) ? { reference: answers.get(gradeId(cell)) ?? "" } : {}),
      }));
    return {
      name,
      reference: versions.reference,
      student: versions.student,
      exercises,
      maxScore: exercises.reduce((sum, exercise) => sum + exercise.maxPoints, 0),
    };
  });
  return {
    sourceDir,
    notebooks,
    maxScore: notebooks.reduce((sum, notebook) => sum + notebook.maxScore, 0),
    fingerprint: fingerprint.digest("hex"),
  };
}

/**
 * The instructor's answer without nbgrader's solution markers.
 * @param {string} text
 */
function referenceAnswer(text) {
  return text
    .split("\n")
    .filter((line) => !/^\s*(<!--|\/\/|#+)?\s*(BEGIN|END) SOLUTION\b/.test(line))
    .join("\n")
    .trim();
}

// The course's chapters as students get them. In the instructor's repository notebooks/ is
// the source, with reference solutions and hidden tests, and the student version is made from
// it by the autograder's release. In the student edition (npm run student-edition) notebooks/
// already is that student version, marked by STUDENT_RELEASE_MARKER, and is used as it is:
// releasing a released notebook again would not give the same notebook back.
import fs from "node:fs";
import path from "node:path";
import { copyOtherFiles, readSourceNotebook, releaseDirectory, sourceNotebookNames } from "../../autograder/src/release/release-directory.mjs";
import { releaseNotebook } from "../../autograder/src/release/pipeline.mjs";
import { loadStubs } from "../../autograder/src/release/stubs.mjs";

export const STUDENT_RELEASE_MARKER = ".student-release.json";

/** True when `dir` holds the released chapters (the student edition), not the source with answers. */
export const isStudentRelease = (/** @type {string} */ dir) => fs.existsSync(path.join(dir, STUDENT_RELEASE_MARKER));

/**
 * Writes the student version of every chapter of `sourceDir`, with its images and data, to `outDir`.
 * @param {{ sourceDir: string, outDir: string }} dirs
 */
export function writeStudentNotebooks({ sourceDir, outDir }) {
  if (!isStudentRelease(sourceDir)) return releaseDirectory({ sourceDir, outDir, stubs: loadStubs() });
  for (const name of sourceNotebookNames(sourceDir)) {
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(path.join(sourceDir, name), path.join(outDir, name));
  }
  copyOtherFiles(sourceDir, outDir, sourceDir);
}

/**
 * The student version of the chapter `name` of `sourceDir` (parsed), or undefined when there is none.
 * @param {string} sourceDir
 * @param {string} name
 */
export function studentChapter(sourceDir, name) {
  if (!sourceNotebookNames(sourceDir).includes(name)) return undefined;
  const notebook = readSourceNotebook(path.join(sourceDir, name));
  return isStudentRelease(sourceDir) ? notebook : releaseNotebook(notebook, loadStubs()).student;
}

/**
 * What `npm start` says first in a checkout whose notebooks/ holds the answers; undefined in the student edition.
 * @param {string} dir
 */
export function answersNotice(dir) {
  if (isStudentRelease(dir)) return undefined;
  return "note: this folder is the instructor's repository: notebooks/ and autograder/ hold the answers and hidden tests; give students the student edition instead (npm run student-edition -- <dir>)";
}

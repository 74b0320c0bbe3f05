// A chapter's exercises answered in a notebook of another name: the chapter renamed by the student
// (JupyterLab's Rename: the next start puts the course's version back under the chapter's name), or
// a copy she worked in (File › Duplicate's `…-Copy1.ipynb`, a "Save As") while the chapter itself
// stayed as delivered. Grading takes the notebook of the chapter's name, which holds no answer, and
// the start said only "put back (it was missing from the workspace)", or nothing. It now names the
// student's notebooks holding answers to a chapter (cells of its nbgrader grade ids, their text not
// the course's) beside a chapter of the course's own name that holds none.
import fs from "node:fs";
import { notebookText } from "../../autograder/src/notebook/format.mjs";
import path from "node:path";

/** The text of a notebook's answer cells by grade id (an empty map for a file that is not a readable notebook). */
function answerCells(file) {
  try {
    const { cells } = JSON.parse(notebookText(fs.readFileSync(file)).text);
    const text = (source) => (Array.isArray(source) ? source.join("") : String(source ?? ""));
    return new Map(
      cells.filter((cell) => cell?.metadata?.nbgrader?.solution && typeof cell.metadata.nbgrader.grade_id === "string").map((cell) => [cell.metadata.nbgrader.grade_id, text(cell.source)]),
    );
  } catch {
    return new Map();
  }
}

/**
 * For each chapter `file` of `chapters` (in `workspaceDir` as the course delivered it, answers
 * unwritten; the course's version in `releasedDir`), the notebooks of `own` (the student's files,
 * relative paths) that answer any of its exercises: [{ file, copies }], chapters with none left out.
 * @param {{ workspaceDir: string, releasedDir: string, chapters: string[], own: string[] }} where
 */
export function chapterCopies({ workspaceDir, releasedDir, chapters, own }) {
  const notebooks = own.filter((file) => file.endsWith(".ipynb")).map((file) => ({ file, answers: answerCells(path.join(workspaceDir, file)) }));
  return chapters
    .filter((file) => file.endsWith(".ipynb"))
    .map((file) => {
      const course = answerCells(path.join(releasedDir, file));
      const answered = (answers) => [...answers].some(([id, text]) => course.has(id) && course.get(id).trim() !== text.trim());
      return { file, copies: notebooks.filter((notebook) => notebook.file !== file && answered(notebook.answers)).map((notebook) => notebook.file) };
    })
    .filter(({ copies }) => copies.length > 0);
}

/** The line npm start prints for a chapter answered elsewhere. */
export const describeCopies = ({ file, copies }) =>
  `  ${copies.join(", ")} ${copies.length === 1 ? "holds" : "hold"} your answers to the exercises of ${file}, which holds none of them: ` +
  `grading takes ${file} only, so copy your answers into it (or delete it and rename your copy ${file})`;

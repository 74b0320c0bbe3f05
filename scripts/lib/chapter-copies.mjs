// A chapter the student renamed (JupyterLab's Rename, a "Save As" under her own name) is missing
// from the workspace at the next start, which puts the course's version back under the chapter's
// name. Grading takes that name, the one put back with no answer in it, and the start said only
// "put back (it was missing from the workspace)". It now names the student's notebooks that hold
// the chapter's exercises (the same nbgrader grade ids), to copy the answers from.
import path from "node:path";
import { gradeIds } from "./retired-chapters.mjs";

/**
 * For each chapter `file` of `chapters` (put back in `workspaceDir`), the notebooks of `own` (the
 * student's files, relative paths) holding any of its graded cells: [{ file, copies }], chapters with none left out.
 * @param {{ workspaceDir: string, chapters: string[], own: string[] }} where
 */
export function chapterCopies({ workspaceDir, chapters, own }) {
  const notebooks = own.filter((file) => file.endsWith(".ipynb")).map((file) => ({ file, ids: gradeIds(path.join(workspaceDir, file)) }));
  return chapters
    .filter((file) => file.endsWith(".ipynb"))
    .map((file) => {
      const ids = gradeIds(path.join(workspaceDir, file));
      const copies = notebooks.filter((notebook) => notebook.file !== file && [...notebook.ids].some((id) => ids.has(id))).map((notebook) => notebook.file);
      return { file, copies };
    })
    .filter(({ copies }) => copies.length > 0);
}

/** The line npm start adds for a chapter put back beside copies of it. */
export const describeCopies = ({ file, copies }) =>
  `  ${copies.join(", ")} ${copies.length === 1 ? "holds" : "hold"} your work on the exercises of ${file}, put back under its own name: ` +
  `grading takes ${file} only, so copy your answers into it (or delete it and rename your copy ${file})`;

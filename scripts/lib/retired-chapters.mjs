// Chapters the course delivered to a workspace and has since renamed or taken out. The workspace
// keeps them (they may hold the student's answers), but grading takes each chapter by its
// current name: a student whose answers were in `03-old-name.ipynb` met only "new in the course:
// 03-new-name.ipynb", and her graded notebook was the new, empty one. npm start now names each
// such file and, when a chapter of the course holds its exercises (the same nbgrader grade ids),
// that chapter, to copy the answers into.
import fs from "node:fs";
import { notebookText } from "../../autograder/src/notebook/format.mjs";
import path from "node:path";

// an update that npm start put beside a chapter: retired with its chapter only
const COURSE_UPDATE = /\.course-update(-\d+)?\.ipynb$/;

/** The nbgrader grade ids of a notebook's cells (an empty set for a file that is not a readable notebook). */
export function gradeIds(file) {
  try {
    const { cells } = JSON.parse(notebookText(fs.readFileSync(file)).text);
    return new Set(cells.map((cell) => cell?.metadata?.nbgrader?.grade_id).filter((id) => typeof id === "string"));
  } catch {
    return new Set();
  }
}

/**
 * The notebooks of `record` (what the course delivered to `workspaceDir`) that are no longer among
 * the course's chapters (`released`, names relative to `releasedDir`) and are still in the workspace:
 * [{ file, changed, now }], `changed` when the student wrote in it (`isChanged(file)`), `now` the
 * chapter holding most of its graded cells, or undefined (a chapter taken out). A record entry
 * delivered by a course made later than this one (`madeAt`) is an older checkout's doing, not a retirement.
 * @param {{ workspaceDir: string, record: Record<string, { madeAt?: number }>, released: string[], releasedDir: string, madeAt?: number, isChanged: (file: string) => boolean }} course
 */
export function retiredChapters({ workspaceDir, record, released, releasedDir, madeAt, isChanged }) {
  const chapters = released.filter((file) => file.endsWith(".ipynb"));
  const current = new Set(chapters);
  let ids;
  const idsOfChapters = () => (ids ??= chapters.map((file) => ({ file, ids: gradeIds(path.join(releasedDir, file)) })));
  const retired = [];
  for (const [file, entry] of Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!file.endsWith(".ipynb") || current.has(file)) continue;
    if (COURSE_UPDATE.test(file) && current.has(file.replace(COURSE_UPDATE, ".ipynb"))) continue;
    if (madeAt !== undefined && entry.madeAt !== undefined && madeAt < entry.madeAt) continue;
    const target = path.join(workspaceDir, file);
    if (!fs.existsSync(target) || !fs.statSync(target).isFile()) continue;
    const own = gradeIds(target);
    let now;
    let shared = 0;
    for (const chapter of idsOfChapters()) {
      const common = [...chapter.ids].filter((id) => own.has(id)).length;
      if (common > shared) [now, shared] = [chapter.file, common];
    }
    retired.push({ file, changed: isChanged(file), now });
  }
  return retired;
}

/** The lines npm start prints about them. */
export function describeRetired(retired) {
  return retired.map(({ file, changed, now }) => {
    const where = now ? `its exercises are now in ${now}, the notebook grading and npm run validate take` : "it was taken out of the course, and grading does not take it";
    return changed
      ? `  ${file} is no longer a chapter of the course: ${where}; your work in ${file} is kept as it is` + (now ? `: copy your answers into ${now}` : "")
      : `  ${file} is no longer a chapter of the course (${where}), and you had not changed it: you may delete it`;
  });
}

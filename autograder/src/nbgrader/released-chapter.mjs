// node autograder/src/nbgrader/released-chapter.mjs <path/to/chapter.ipynb>
// Prints the course's released version of the chapter of that file's name (as students get it: no
// solutions, no hidden tests) as JSON, or null for a name that is no chapter of the course and for
// the course's own source (notebooks/, and on the course hub the instructor's source/: an instructor
// validating it runs its hidden tests too). nbgrader's Validate reads it (validate_steps.py) to run
// the course's own tests, as `npm run validate` does.
//
// On the course hub (NEURAL_MI_HUB_EXCHANGE and NEURAL_MI_HUB_COURSE_ID, set for every user's
// server) the course as released is what the instructor released to nbgrader's exchange
// (outbound/<assignment>/<chapter>.ipynb), readable by every student and written by the instructor
// alone. The checkout's notebooks/ is not: a hub that keeps its users apart makes it its owner's
// alone, so a student's Validate found no chapter, ran the tests her copy held, and said "Success!"
// of a copy whose test cells she had deleted, which grading puts back and fails. Nor is the
// checkout's chapter the hub's when the instructor changed the course's source before releasing it.
import fs from "node:fs";
import path from "node:path";
import { notebookGradeIds } from "../grade/course-notebook-files.mjs";
import { gradeId } from "../notebook/nbgrader-cells.mjs";
import { sourceNotebookNames } from "../release/release-directory.mjs";
import { isInside, notebooksDir } from "../../../scripts/lib/paths.mjs";
import { studentChapter } from "../../../scripts/lib/student-release.mjs";

/**
 * The chapters as the hub's instructor released them, as [{ name, read }], the assignment of the
 * notebook's folder first; [] when not on a hub or nothing is released.
 * @param {string} file
 */
function hubChapters(file) {
  const { NEURAL_MI_HUB_EXCHANGE: exchange, NEURAL_MI_HUB_COURSE_ID: course } = process.env;
  if (!exchange || !course) return [];
  const outbound = path.join(exchange, course, "outbound");
  let assignments = [];
  try {
    assignments = fs.readdirSync(outbound).sort();
  } catch {
    return [];
  }
  const own = path.basename(path.dirname(file));
  if (assignments.includes(own)) assignments = [own, ...assignments.filter((a) => a !== own)];
  return assignments.flatMap((assignment) => {
    let names = [];
    try {
      names = fs.readdirSync(path.join(outbound, assignment)).filter((name) => name.endsWith(".ipynb")).sort();
    } catch {
      return [];
    }
    return names.map((name) => ({ name, read: () => JSON.parse(fs.readFileSync(path.join(outbound, assignment, name), "utf8")) }));
  });
}

/** The checkout's chapters as released to students, as [{ name, read }]; [] where notebooks/ cannot be read. */
function checkoutChapters() {
  try {
    return sourceNotebookNames(notebooksDir).map((name) => ({ name, read: () => studentChapter(notebooksDir, name) }));
  } catch {
    return [];
  }
}

/**
 * The released chapter `file` is validated as: the one of its name (a newer version that npm start
 * put beside a copy, `<chapter>.course-update.ipynb`, is that chapter), else the one whose exercises
 * (nbgrader's grade ids) its cells hold more than any other's, as the grader takes a notebook saved
 * under another name (a duplicate's `…-Copy1.ipynb`, a second download's `… (1).ipynb`): validated as
 * it was, its test cells deleted or emptied passed. Null when none.
 * @param {string} file
 */
function releasedChapter(file) {
  const name = path.basename(file).replace(/\.course-update(-\d+)?\.ipynb$/, ".ipynb");
  // on the hub, the instructor's release of a chapter comes first, and stands for the checkout's:
  // it is the course as the hub hands it out and grades it
  const seen = new Set();
  const chapters = [...hubChapters(file), ...checkoutChapters()].filter((chapter) => !seen.has(chapter.name) && seen.add(chapter.name));
  // each with the chapter's file name in its metadata (neural_mi_chapter), which Validate names to a
  // copy of another name: grading looks for the chapter's own
  /** @param {{ name: string, read: () => any }} chapter */
  const readable = (chapter) => {
    try {
      const notebook = chapter.read() ?? null;
      return notebook && { ...notebook, metadata: { ...notebook.metadata, neural_mi_chapter: chapter.name } };
    } catch {
      return null;
    }
  };
  const named = chapters.find((chapter) => chapter.name === name);
  if (named) return readable(named);
  const ids = notebookGradeIds(file, 100);
  if (!ids || ids.size === 0) return null;
  const overlaps = chapters
    .map(readable)
    .filter((notebook) => notebook !== null)
    .map((notebook) => ({ notebook, shared: notebook.cells.map(gradeId).filter((/** @type {unknown} */ id) => typeof id === "string" && ids.has(id)).length }));
  const most = Math.max(0, ...overlaps.map((overlap) => overlap.shared));
  const leaders = overlaps.filter((overlap) => overlap.shared === most);
  return most > 0 && leaders.length === 1 ? leaders[0].notebook : null;
}

let chapter = null;
try {
  const file = path.resolve(process.argv[2] ?? "");
  const { NEURAL_MI_HUB_COURSE_DIR: courseDir } = process.env;
  // the course's own source keeps its tests, hidden ones included
  const inSource = isInside(file, notebooksDir) || (courseDir !== undefined && courseDir !== "" && isInside(file, path.join(courseDir, "source")));
  chapter = inSource ? null : releasedChapter(file);
} catch {
  chapter = null;
}
process.stdout.write(JSON.stringify(chapter));

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
import { notebooksDir } from "../../../scripts/lib/paths.mjs";
import { studentChapter } from "../../../scripts/lib/student-release.mjs";

const isInside = (file, dir) => {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

/**
 * The chapter of `file`'s name as the hub's instructor released it: in the assignment of the
 * notebook's folder, else in the one assignment that holds a notebook of that name; null when none
 * does (not released, or not on a hub), undefined when `file` is the instructor's source.
 * @param {string} file
 */
function hubRelease(file) {
  const { NEURAL_MI_HUB_EXCHANGE: exchange, NEURAL_MI_HUB_COURSE_ID: course, NEURAL_MI_HUB_COURSE_DIR: courseDir } = process.env;
  if (!exchange || !course) return null;
  if (courseDir && isInside(file, path.join(courseDir, "source"))) return undefined;
  const outbound = path.join(exchange, course, "outbound");
  const name = path.basename(file);
  const own = path.join(outbound, path.basename(path.dirname(file)), name);
  let found = fs.existsSync(own) ? [own] : [];
  if (found.length === 0) {
    let assignments = [];
    try {
      assignments = fs.readdirSync(outbound);
    } catch {
      return null;
    }
    found = assignments.map((assignment) => path.join(outbound, assignment, name)).filter((candidate) => fs.existsSync(candidate));
  }
  return found.length === 1 ? JSON.parse(fs.readFileSync(found[0], "utf8")) : null;
}

let chapter = null;
try {
  const file = path.resolve(process.argv[2] ?? "");
  const inSource = !path.relative(notebooksDir, file).startsWith("..");
  const released = inSource ? undefined : hubRelease(file);
  if (released !== undefined) chapter = released ?? studentChapter(notebooksDir, path.basename(file)) ?? null;
} catch {
  chapter = null;
}
process.stdout.write(JSON.stringify(chapter));

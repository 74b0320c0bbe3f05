// node autograder/src/nbgrader/released-chapter.mjs <chapter.ipynb>
// Prints the course's released version of that chapter (as students get it: no solutions, no
// hidden tests) as JSON, or null for a name that is no chapter of the course. nbgrader's Validate
// reads it (validate_steps.py) to run the course's own tests, as `npm run validate` does.
import { notebooksDir } from "../../../scripts/lib/paths.mjs";
import { studentChapter } from "../../../scripts/lib/student-release.mjs";

let chapter = null;
try {
  chapter = studentChapter(notebooksDir, process.argv[2] ?? "") ?? null;
} catch {
  chapter = null;
}
process.stdout.write(JSON.stringify(chapter));

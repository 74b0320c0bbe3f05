// node autograder/src/nbgrader/released-chapter.mjs <path/to/chapter.ipynb>
// Prints the course's released version of the chapter of that file's name (as students get it: no
// solutions, no hidden tests) as JSON, or null for a name that is no chapter of the course and for
// the course's own source in notebooks/ (an instructor validating it runs its hidden tests too). nbgrader's Validate
// reads it (validate_steps.py) to run the course's own tests, as `npm run validate` does.
import path from "node:path";
import { notebooksDir } from "../../../scripts/lib/paths.mjs";
import { studentChapter } from "../../../scripts/lib/student-release.mjs";

let chapter = null;
try {
  const file = path.resolve(process.argv[2] ?? "");
  const inSource = !path.relative(notebooksDir, file).startsWith("..");
  chapter = inSource ? null : (studentChapter(notebooksDir, path.basename(file)) ?? null);
} catch {
  chapter = null;
}
process.stdout.write(JSON.stringify(chapter));

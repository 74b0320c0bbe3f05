// Shared by the student tests.
import fs from "node:fs";
import path from "node:path";
import { notebooksDir } from "../../scripts/lib/paths.mjs";

/** The course's notebooks/ copied to `course`, without its src/ folder. */
export function copyCourseNotebooks(course) {
  fs.cpSync(notebooksDir, course, { recursive: true, filter: (src) => !src.includes(`${path.sep}src`) });
}

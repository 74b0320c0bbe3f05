import { join } from "node:path";
import { createCourseDir } from "./autograder/src/nbgrader/course-dir.mjs";
import { gradeWithNbgrader, repoRoot, temporaryDir } from "./tests/autograder/helpers.mjs";
const examplesDir = join(repoRoot, "autograder", "examples");
const n = Number(process.argv[2] ?? 3);
for (let i = 0; i < n; i++) {
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), assignment: "neural-mi" });
  const t = Date.now();
  try {
    await gradeWithNbgrader(courseDir, "neural-mi", { tampered: join(examplesDir, "tampered") });
    console.log(i, "ok", (Date.now() - t) / 1000);
  } catch (e) {
    console.log(i, "FAILED", courseDir, String(e.message).slice(0, 3000));
  }
}

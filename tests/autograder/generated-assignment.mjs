// `nbgrader generate_assignment` in a course folder made by createCourseDir, done once per test run
// for each course's sources: most nbgrader tests release the same fixture course (about 2.5 s of
// Python each), and what the release writes (release/<assignment>/ and gradebook.db, which holds
// no path) is copied into the next course folder of the same sources. The cache lives in the
// run's folder (NEURAL_MI_TEST_CACHE, made and removed by scripts/test.mjs): a file run on its own
// releases with nbgrader every time, as does a course folder whose gradebook or release exists.
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { listFiles } from "../../scripts/lib/stamps.mjs";

/** What generate_assignment reads: the assignment's source files and the course folder's settings. */
function sourcesKey(courseDir, assignment) {
  const hash = createHash("sha256").update(assignment);
  const source = join(courseDir, "source", assignment);
  for (const file of listFiles(source)) hash.update(`\0${relative(source, file)}\0`).update(readFileSync(file));
  hash.update("\0nbgrader_config.py\0").update(readFileSync(join(courseDir, "nbgrader_config.py"), "utf8").replaceAll(courseDir, "<course>"));
  return hash.digest("hex");
}

/**
 * Releases `assignment` in `courseDir` as `nbgrader generate_assignment <assignment> --force` does.
 * @param {string} courseDir @param {string} assignment
 * @param {(args: string[], courseDir: string) => Promise<unknown>} runNbgrader nbgraderAsync
 */
export async function generateAssignment(courseDir, assignment, runNbgrader) {
  const generate = () => runNbgrader(["generate_assignment", assignment, "--force"], courseDir);
  const cacheRoot = process.env.NEURAL_MI_TEST_CACHE;
  const released = join(courseDir, "release", assignment);
  const gradebook = join(courseDir, "gradebook.db");
  if (!cacheRoot || existsSync(gradebook) || existsSync(join(courseDir, "release"))) return generate();
  const kept = join(cacheRoot, "generated-assignments", sourcesKey(courseDir, assignment));
  if (existsSync(kept)) {
    cpSync(join(kept, "release"), released, { recursive: true });
    copyFileSync(join(kept, "gradebook.db"), gradebook);
    return;
  }
  await generate();
  // kept whole or not at all: another test file may be releasing the same sources now
  mkdirSync(join(cacheRoot, "generated-assignments"), { recursive: true });
  const making = mkdtempSync(`${kept}.making-`);
  cpSync(released, join(making, "release"), { recursive: true });
  copyFileSync(gradebook, join(making, "gradebook.db"));
  try {
    renameSync(making, kept);
  } catch {
    rmSync(making, { recursive: true, force: true }); // the other file kept the same release first
  }
}

// When the course in a folder was made, to tell a newer course from an older one: a chapter's
// text alone cannot tell a course that set a chapter back to an earlier text from an older
// checkout of the course.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { STUDENT_RELEASE_MARKER } from "./student-release.mjs";

/**
 * Seconds since 1970 at which the course in `sourceDir` was made: a student edition's making
 * (its marker; a clone or an archive alike), else the time of the commit checked out in the git
 * checkout holding it; undefined when neither is known (a copy without git).
 */
export function courseMadeAt(sourceDir) {
  try {
    const made = Date.parse(JSON.parse(fs.readFileSync(path.join(sourceDir, STUDENT_RELEASE_MARKER), "utf8")).made);
    if (Number.isFinite(made)) return Math.floor(made / 1000);
  } catch {
    // no marker, or one of an edition made before editions recorded when
  }
  const result = spawnSync("git", ["-C", sourceDir, "log", "-1", "--format=%ct", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const seconds = Number(result.stdout.trim());
  return result.status === 0 && Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
}

// The class in nbgrader's gradebook: every student of the hub's list, added in one Python
// process (hub/class_gradebook.py) before the hub starts.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { jupyterEnv } from "../lib/jupyter-env.mjs";
import { fromRoot, venvPython } from "../lib/paths.mjs";
import { COURSE_ID } from "./layout.mjs";

/** Adds the `students` missing from the gradebook of `courseDir`; returns how many were added. */
export function addClassToGradebook(courseDir, students) {
  const result = spawnSync(venvPython, [fromRoot("hub", "class_gradebook.py"), path.join(courseDir, "gradebook.db"), COURSE_ID], {
    input: students.join("\n") + "\n",
    env: jupyterEnv(),
    encoding: "utf8",
  });
  if (result.error || result.status !== 0) {
    throw new Error(`adding the class to nbgrader's gradebook (${path.join(courseDir, "gradebook.db")}) failed: ${result.error?.message ?? (result.stderr || result.stdout).trim().split("\n").slice(-5).join("\n")}`);
  }
  return Number(result.stdout.trim());
}

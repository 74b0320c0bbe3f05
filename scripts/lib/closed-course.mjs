// On a course hub the checkout's chapters (notebooks/, with the answers) are closed to the
// students' accounts: the student's commands run there say so, instead of a raw EACCES.
import fs from "node:fs";
import path from "node:path";
import { notebooksDir } from "./paths.mjs";

export const CLOSED_COURSE =
  "the course's chapters (notebooks/) are closed to this account: this is a course hub's shared copy, whose chapters hold the answers. " +
  "Work in your JupyterLab on the hub (its Assignments panel fetches each chapter), and check a notebook with the Validate button in its toolbar";

/** Whether `error` is this account being refused the course's chapters. */
export function isClosedCourse(error) {
  if (!["EACCES", "EPERM"].includes(error?.code)) return false;
  const at = path.resolve(String(error.path ?? ""));
  return at === notebooksDir || at.startsWith(notebooksDir + path.sep);
}

/** CLOSED_COURSE when this account cannot read the course's chapters, else undefined. */
export function closedCourseReason() {
  try {
    fs.readdirSync(notebooksDir);
    return undefined;
  } catch (error) {
    return isClosedCourse(error) ? CLOSED_COURSE : undefined;
  }
}

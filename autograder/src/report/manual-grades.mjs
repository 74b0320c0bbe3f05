// @ts-check
// Answers graded by hand (written answers, and any answer cell the course leaves to a
// person): the file an instructor edits, its checks, and how its points enter the reports.
//
// <class report>/manual-grades.json holds one entry per answer waiting for a person: the
// student's answer beside the course's reference answer, and `points` (null until graded)
// and `comment` for the instructor to fill in. Each entry records a hash of the answer it
// grades; when a re-submitted answer differs, its points stop counting and move to
// `previousPoints` (nothing entered is lost) until someone grades the new answer.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { printableName } from "../grade/class-folder.mjs";
import { notebookText } from "../notebook/format.mjs";

export const MANUAL_GRADES_FILE = "manual-grades.json";

/**
 * @typedef {import("../grade/grade-submission.mjs").StudentResult} StudentResult
 * @typedef {import("./write-reports.mjs").ClassReport} ClassReport
 * @typedef {{ student: string, notebook: string, exercise: string, maxPoints: number, points: number | null,
 *   comment: string, answer: string, reference: string, answerHash: string,
 *   previousPoints?: number, previousComment?: string, notCounted?: string }} ManualGrade
 * @typedef {{ about: string, grades: ManualGrade[] }} ManualGradesFile
 */

const ABOUT =
  "Answers graded by hand. For each entry set `points` (a number from 0 to maxPoints; null while not graded) and, " +
  "if you like, `comment`; then run `npm run autograde -- manual <this folder>` to check the file and put the points " +
  "into report.json, gradebook.csv and the summaries. Leave the other fields as they are.";

export class ManualGradesError extends Error {}

/** @param {string} text */
export const answerHash = (text) => createHash("sha256").update(text).digest("hex").slice(0, 16);

const key = (/** @type {{ student: string, notebook: string, exercise: string }} */ entry) =>
  JSON.stringify([entry.student, entry.notebook, entry.exercise]);

/**
 * Every answer of the report that waits for a person (status needs-manual-grading), with
 * the course's reference answer.
 * @param {ClassReport} report
 * @returns {Omit<ManualGrade, "points" | "comment">[]}
 */
export function answersToGrade(report) {
  const found = [];
  for (const student of report.students) {
    if (student.status === "pending") continue;
    for (const notebook of /** @type {StudentResult} */ (student).notebooks) {
      const course = report.course.notebooks.find((item) => item.name === notebook.notebook);
      for (const exercise of notebook.exercises) {
        if (exercise.answer === undefined) continue;
        const reference = course?.exercises.find((item) => item.id === exercise.id)?.reference ?? "";
        found.push({
          student: student.student,
          notebook: notebook.notebook,
          exercise: exercise.id,
          maxPoints: exercise.maxPoints,
          answer: exercise.answer,
          reference,
          answerHash: answerHash(exercise.answer),
        });
      }
    }
  }
  return found;
}

/**
 * Reads the class's manual grades, or undefined when there is no file yet. Throws a
 * ManualGradesError listing every problem when the file does not fit the report.
 * @param {string} outDir @param {ClassReport} report
 * @returns {ManualGradesFile | undefined}
 */
export function readManualGrades(outDir, report) {
  const path = join(outDir, MANUAL_GRADES_FILE);
  if (!existsSync(path)) return undefined;
  const file = parseManualGradesText(path, readFileSync(path));
  const problems = manualGradesProblems(file, report);
  if (problems.length > 0) {
    throw new ManualGradesError(`${path} has ${problems.length} problem(s); nothing was changed:\n${problems.map((line) => `  - ${line}`).join("\n")}`);
  }
  return file;
}

/**
 * The file's content, as an editor may have saved it: a byte-order mark (Windows' editors' "UTF-8 with BOM") or
 * UTF-16 is read as notebooks are (notebookText), since `manual` writes the file back as UTF-8; bytes of another
 * encoding are refused (read as U+FFFD, a name with an accent would match no student). A syntax error names its
 * line, column and text, and a decimal comma (`"points": 0,5`, a spreadsheet's locale) as such: the error said
 * "Unexpected token '\uFEFF'" or "Expected double-quoted property name in JSON at position 666", and advised
 * deleting the file, which loses every point entered in it.
 * @param {string} path @param {Uint8Array} bytes
 */
function parseManualGradesText(path, bytes) {
  const { text, note } = notebookText(bytes);
  if (note !== null && note.startsWith("the file holds bytes that are not UTF-8")) {
    throw new ManualGradesError(
      `${path} holds bytes that are not UTF-8 (saved in another encoding, such as Latin-1 or Windows-1252); nothing was changed: open it in an editor, save it as UTF-8, and run again`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = /** @type {Error} */ (error).message;
    const position = /at position (\d+)/.exec(message);
    const at = position ? Number(position[1]) : text.length;
    const lineStart = text.lastIndexOf("\n", at - 1) + 1;
    const lineEnd = text.indexOf("\n", at) === -1 ? text.length : text.indexOf("\n", at);
    const lineNumber = text.slice(0, lineStart).split("\n").length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "").trim();
    const shown = printableName(line.length > 120 ? `${line.slice(0, 117)}...` : line);
    const decimalComma = /:\s*-?\d+,\d/.test(line) ? `; a number in JSON takes a decimal point: write ${line.replace(/.*?:\s*(-?\d+),(\d+).*/, "$1.$2")}, not ${line.replace(/.*?:\s*(-?\d+,\d+).*/, "$1")}` : "";
    throw new ManualGradesError(
      `${path} is not valid JSON at line ${lineNumber}, column ${at - lineStart + 1} (${message}): ${shown}${decimalComma}; nothing was changed: ` +
        "fix it there and run again (the points entered are in this file: deleting it loses them)",
    );
  }
}

/**
 * What is wrong with a manual-grades file for this report, one line per problem.
 * @param {unknown} file @param {ClassReport} report
 * @returns {string[]}
 */
export function manualGradesProblems(file, report) {
  if (!file || typeof file !== "object" || !Array.isArray(/** @type {any} */ (file).grades)) {
    return ['the file must be an object with a list "grades" (as `npm run autograde -- manual <folder>` writes it)'];
  }
  const students = new Set(report.students.map((student) => student.student));
  /** @type {Map<string, Map<string, { kind: string, maxPoints: number }>>} */
  const exercises = new Map(
    report.course.notebooks.map((notebook) => [notebook.name, new Map(notebook.exercises.map((exercise) => [exercise.id, exercise]))]),
  );
  const problems = [];
  const seen = new Set();
  for (const [index, entry] of /** @type {any[]} */ (/** @type {any} */ (file).grades).entries()) {
    // names as the console shows them (printableName): a folder's terminal escapes and line ends as text
    const where = `entry ${index + 1}${entry && typeof entry === "object" ? ` (${[entry.student, entry.notebook, entry.exercise].map((name) => printableName(String(name))).join(" / ")})` : ""}`;
    if (!entry || typeof entry !== "object") {
      problems.push(`${where} is not an object`);
      continue;
    }
    // a student whose folder is gone (removed, renamed, unpacked again in another Unicode form):
    // the entry is kept, not counted (updateManualGrades), and stops nothing
    if (!students.has(entry.student)) continue;
    const notebook = exercises.get(entry.notebook);
    if (!notebook) {
      problems.push(`${where}: unknown notebook ${JSON.stringify(entry.notebook)}: the course has ${[...exercises.keys()].join(", ")}`);
      continue;
    }
    const exercise = notebook.get(entry.exercise);
    if (!exercise) {
      problems.push(`${where}: unknown exercise ${JSON.stringify(entry.exercise)} in ${entry.notebook}`);
      continue;
    }
    if (exercise.kind === "test") {
      problems.push(`${where}: ${entry.exercise} is graded automatically, not by hand: remove the entry`);
      continue;
    }
    if (seen.has(key(entry))) problems.push(`${where} appears more than once: keep one entry per student and exercise`);
    seen.add(key(entry));
    const { points } = entry;
    if (points !== null && (typeof points !== "number" || !Number.isFinite(points))) {
      problems.push(`${where}: points must be a number from 0 to ${exercise.maxPoints}, or null while not graded; got ${typeof points === "number" ? String(points) : JSON.stringify(points)}${typeof points === "string" && /^\s*-?\d+([.,]\d+)?\s*$/.test(points) ? ` (text: write the number without quotes, with a decimal point, ${points.trim().replace(",", ".")})` : ""}`);
    } else if (points !== null && (points < 0 || points > exercise.maxPoints)) {
      problems.push(`${where}: points ${points} are out of range: ${entry.exercise} is worth 0 to ${exercise.maxPoints}`);
    }
    if (entry.comment !== undefined && typeof entry.comment !== "string") problems.push(`${where}: comment must be text`);
  }
  return problems;
}

/**
 * The manual-grades file for the report as it is now: an entry for every answer waiting
 * for a person, with the points and comments entered before kept. An entry whose answer
 * changed since it was graded is not applied; its points move to previousPoints. Entries
 * of answers no longer waiting (the student's new version is unanswered) are dropped
 * only if nothing was entered in them.
 * @param {ManualGradesFile | undefined} previous @param {ClassReport} report
 * @returns {ManualGradesFile}
 */
export function updateManualGrades(previous, report) {
  const before = new Map((previous?.grades ?? []).map((entry) => [key(entry), entry]));
  /** @type {ManualGrade[]} */
  const grades = [];
  for (const answer of answersToGrade(report)) {
    const old = before.get(key(answer));
    before.delete(key(answer));
    /** @type {ManualGrade} */
    const entry = { ...answer, points: null, comment: "" };
    if (old && old.answerHash === answer.answerHash) {
      entry.points = old.points;
      entry.comment = old.comment ?? "";
      if (old.previousPoints !== undefined) entry.previousPoints = old.previousPoints;
      if (old.previousComment !== undefined) entry.previousComment = old.previousComment;
    } else if (old && old.points !== null) {
      entry.previousPoints = old.points;
      entry.previousComment = old.comment ?? "";
    }
    grades.push(entry);
  }
  // graded answers that no longer wait for a person stay in the file, unapplied, so nothing entered is lost
  const students = new Set(report.students.map((student) => student.student));
  for (const old of before.values()) {
    if (old.points === null && old.previousPoints === undefined) continue;
    const why = students.has(old.student)
      ? "this answer no longer waits for a person (the latest version is unanswered)"
      : "the class has no folder of this name now (removed, or renamed)";
    grades.push({ ...old, notCounted: `${why}: these points do not count` });
  }
  return { about: ABOUT, grades };
}

/** @param {string} outDir @param {ManualGradesFile} file */
export function writeManualGrades(outDir, file) {
  writeFileAtomic(join(outDir, MANUAL_GRADES_FILE), JSON.stringify(file, null, 1) + "\n");
}

/** @type {WeakMap<ManualGradesFile, Map<string, ManualGrade>>} */
const indexes = new WeakMap();

/**
 * A file's entries by student, notebook and exercise, made once per file: the class reports
 * apply the file to every student, after every student graded, and a search of the whole file
 * for each student made each rewrite grow with students × entries (300 students of 10 answers
 * graded by hand: 11 ms a rewrite; 1,000: 89 ms).
 * @param {ManualGradesFile | undefined} file
 */
function gradesByKey(file) {
  if (!file) return new Map();
  let index = indexes.get(file);
  if (!index) {
    index = new Map();
    for (const entry of file.grades ?? []) index.set(key(entry), entry); // the last of two alike counts, as before
    indexes.set(file, index);
  }
  return index;
}

/**
 * One student's result with the manual points entered for its current answers: the
 * exercise becomes "graded-by-hand" with its points and comment, and the notebook's and
 * student's scores count them (autoScore and manualScore say which part is which).
 * @param {StudentResult} student @param {ManualGradesFile | undefined} file
 * @returns {StudentResult}
 */
export function withManualGrades(student, file) {
  const entries = gradesByKey(file);
  let autoScore = 0;
  let manualScore = 0;
  let pendingManual = 0;
  const notebooks = student.notebooks.map((notebook) => {
    let notebookAuto = 0;
    let notebookManual = 0;
    let notebookPending = 0;
    const exercises = notebook.exercises.map((graded) => {
      const exercise = asAutograded(graded);
      const entry = entries.get(key({ student: student.student, notebook: notebook.notebook, exercise: exercise.id }));
      const current = entry && exercise.answer !== undefined && entry.answerHash === answerHash(exercise.answer);
      if (current && entry.points !== null) {
        notebookManual += entry.points;
        return { ...exercise, status: /** @type {const} */ ("graded-by-hand"), points: entry.points, manual: { points: entry.points, comment: entry.comment ?? "" } };
      }
      if (exercise.points === null) notebookPending += exercise.maxPoints;
      else notebookAuto += exercise.points;
      return exercise;
    });
    autoScore += notebookAuto;
    manualScore += notebookManual;
    pendingManual += notebookPending;
    return { ...notebook, exercises, score: notebookAuto + notebookManual, pendingManual: notebookPending };
  });
  return { ...student, notebooks, score: autoScore + manualScore, autoScore, manualScore, pendingManual };
}

/**
 * An exercise as the autograder left it, whatever manual grade a report applied to it.
 * @param {import("../grade/grade-cells.mjs").Exercise} exercise
 */
function asAutograded(exercise) {
  if (exercise.status !== "graded-by-hand") return exercise;
  const { manual: _manual, ...rest } = exercise;
  return { ...rest, status: /** @type {const} */ ("needs-manual-grading"), points: null };
}

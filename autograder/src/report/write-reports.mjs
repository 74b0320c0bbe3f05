// @ts-check
// The reports of a grading run, each written atomically:
//   report.json              everything, for programs
//   gradebook.csv            one row per student, one column per exercise
//   summary.md               the class at a glance, for people
//   students/<name>/summary.md   one student's notebooks, exercises and problems
import { join } from "node:path";
import { writeFilesAtomic } from "../util/atomic-write.mjs";
import { csvRow } from "./csv.mjs";
import { inert, inertLine } from "./inert-markdown.mjs";
import { printableName, visibleName } from "../grade/class-folder.mjs";
import { ManualGradesError, readManualGrades, withManualGrades } from "./manual-grades.mjs";

/**
 * @typedef {import("../grade/grade-submission.mjs").StudentResult} StudentResult
 * @typedef {import("../grade/course.mjs").Course} Course
 * @typedef {{ student: string, status: "pending", message: string }} PendingStudent
 * @typedef {{ generatedAt: string, complete: boolean, submissionsDir: string, course: { sourceDir: string, maxScore: number,
 *   notebooks: { name: string, maxScore: number, exercises: { id: string, kind: string, maxPoints: number, reference?: string }[] }[] },
 *   settings: Record<string, unknown>, sandbox: import("../execute/isolation.mjs").Isolation | null, otherFiles: string[],
 *   students: (StudentResult | PendingStudent)[], shard?: ShardRecord }} ClassReport
 * @typedef {import("../grade/shards.mjs").Shard & { fingerprint: string, entries: string[] }} ShardRecord
 *   in a shard's report only: which part, what must match to merge it, and every entry of the class
 */

/** @param {number | null | undefined} value */
const formatPoints = (value) => (value === null || value === undefined ? "" : String(Math.round(value * 100) / 100));

/** @param {number | undefined} value */
const formatNumber = (value) => (typeof value === "number" ? String(Number(value.toPrecision(4))) : "");

// a table cell's text: backslashes escaped first, so that a name's own "\|" cannot become an
// escaped backslash and a column break in renderers that count backslashes (marked, JupyterLab's preview)
/** @param {string} text */
const cellText = (text) => inertLine(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s{2,}/g, " ");

const STATUS_WORDS = {
  graded: "graded",
  "graded-with-problems": "graded, with problems",
  "no-notebooks": "no notebooks",
  "grader-error": "autograder error",
  skipped: "skipped",
  pending: "not graded yet",
};

/** @param {string} status */
const statusWords = (status) => STATUS_WORDS[/** @type {keyof typeof STATUS_WORDS} */ (status)] ?? status;

/**
 * @param {{ course: Course, submissionsDir: string, settings: Record<string, unknown>,
 *   sandbox?: import("../execute/isolation.mjs").Isolation | null, otherFiles?: string[],
 *   students: (StudentResult | PendingStudent)[], complete: boolean, shard?: ShardRecord }} input
 * @returns {ClassReport}
 */
export function classReport({ course, submissionsDir, settings, sandbox = null, otherFiles = [], students, complete, shard }) {
  return {
    generatedAt: new Date().toISOString(),
    complete,
    submissionsDir,
    course: {
      sourceDir: course.sourceDir,
      maxScore: course.maxScore,
      notebooks: course.notebooks.map(({ name, maxScore, exercises }) => ({ name, maxScore, exercises })),
    },
    settings,
    sandbox,
    otherFiles,
    students,
    ...(shard ? { shard } : {}),
  };
}

/**
 * The points entered by hand as a grading run last read them: `file` is kept up to date; with
 * `onProblem`, a file that stopped fitting during the run (an instructor saving a typo while it
 * grades) keeps `file`, and `onProblem` is told, instead of ending a run of hours with most
 * students not graded.
 * @typedef {{ file: import("./manual-grades.mjs").ManualGradesFile | undefined, onProblem?: (error: Error) => void }} ManualGradesDuringRun
 */

/**
 * Writes the class reports with the points entered by hand in outDir's manual-grades.json
 * (a file that does not fit the report is an error naming each problem, unless `during.onProblem`).
 * @param {string} outDir @param {ClassReport} report @param {ManualGradesDuringRun} [during]
 * @returns {ClassReport} what was written
 */
export function writeClassReports(outDir, report, during) {
  let manual;
  try {
    manual = readManualGrades(outDir, report);
    if (during) during.file = manual;
  } catch (error) {
    if (!during?.onProblem || !(error instanceof ManualGradesError)) throw error;
    manual = during.file;
    during.onProblem(error);
  }
  const final = {
    ...report,
    students: report.students.map((student) => (student.status === "pending" ? student : withManualGrades(/** @type {StudentResult} */ (student), manual))),
  };
  writeFilesAtomic([
    [join(outDir, "report.json"), JSON.stringify(final, null, 1) + "\n"],
    [join(outDir, "gradebook.csv"), gradebookCsv(final)],
    [join(outDir, "summary.md"), classSummary(final)],
  ]);
  return final;
}

/**
 * A student's points in words: what is in the score so far, and what still waits for a person.
 * @param {StudentResult} student
 */
export function scoreWords(student) {
  const parts = [`${formatPoints(student.autoScore ?? student.score)} automatic`];
  if (student.manualScore) parts.push(`${formatPoints(student.manualScore)} graded by hand`);
  if (student.pendingManual) parts.push(`up to ${formatPoints(student.pendingManual)} more from answers still to grade by hand`);
  return `${formatPoints(student.score)} / ${formatPoints(student.maxScore)} points (${parts.join("; ")})`;
}

/** @param {ClassReport} report */
export function gradebookCsv(report) {
  const header = ["student", "status", "score", "max_score", "auto_score", "manual_score", "pending_manual_points"];
  for (const notebook of report.course.notebooks) {
    header.push(`${notebook.name}`);
    for (const exercise of notebook.exercises) header.push(`${notebook.name}:${exercise.id}`);
  }
  const rows = [csvRow(header)];
  for (const student of report.students) {
    if (student.status === "pending") {
      rows.push(csvRow([student.student, student.status]));
      continue;
    }
    const graded = /** @type {StudentResult} */ (student);
    const row = [
      graded.student,
      graded.status,
      formatPoints(graded.score),
      formatPoints(graded.maxScore),
      formatPoints(graded.autoScore ?? graded.score),
      formatPoints(graded.manualScore ?? 0),
      formatPoints(graded.pendingManual),
    ];
    for (const notebook of report.course.notebooks) {
      const result = graded.notebooks.find((item) => item.notebook === notebook.name);
      row.push(formatPoints(result?.score));
      for (const exercise of notebook.exercises) {
        row.push(formatPoints(result?.exercises.find((item) => item.id === exercise.id)?.points));
      }
    }
    rows.push(csvRow(row));
  }
  return rows.join("");
}

/** The class summary's exercise columns: every exercise status is in exactly one, so a row adds up. */
export const EXERCISE_COLUMNS = [
  { title: "Passed", statuses: ["passed"] },
  { title: "Partial", statuses: ["partial"] },
  { title: "Failed", statuses: ["failed", "timeout", "not-run"] },
  { title: "Graded by hand", statuses: ["graded-by-hand"] },
  { title: "Pending manual", statuses: ["needs-manual-grading"] },
  { title: "Unanswered", statuses: ["no-answer"] },
  { title: "Not submitted", statuses: ["not-submitted"] },
];

/** @param {ClassReport} report */
export function classSummary(report) {
  const graded = /** @type {StudentResult[]} */ (report.students.filter((student) => student.status !== "pending"));
  const lines = [
    "# Autograde report",
    "",
    `${report.complete ? "Complete" : "In progress"}: ${graded.length} of ${report.students.length} submissions graded, ${report.generatedAt}.`,
    `Course: ${report.course.notebooks.length} notebooks, ${formatPoints(report.course.maxScore)} points (${report.course.sourceDir}).`,
    `Submissions: ${report.submissionsDir}${report.otherFiles?.length ? ` (files there, not graded: ${report.otherFiles.map(inertLine).join(", ")})` : ""}.`,
    `Sandbox: ${report.settings.isolated ? "notebooks could read only the packages and their own folder, and write only their own folder" : "off (--no-isolation): notebooks could read and write anything this user can"}.`,
    ...(report.sandbox
      ? [
          report.sandbox.kind === "own-user"
            ? "Kernels: each ran as a user of its own, in a size-limited file system: a notebook could signal no other process."
            : `Kernels: ran as the grader's user (${report.sandbox.reason}): a notebook could signal the grader's processes, and the disk limit was checked every 2 s.`,
        ]
      : []),
    "",
    "Written answers are graded by hand (`npm run autograde -- manual <this folder>`): the score counts the points entered so far; " +
      "\"pending manual\" is what the answers still waiting for a person are worth.",
    "",
    "## Students",
    "",
    "| Student | Score | Automatic | By hand | Pending manual | Status | What happened |",
    "| --- | ---: | ---: | ---: | ---: | --- | --- |",
  ];
  for (const student of report.students) {
    if (student.status === "pending") {
      lines.push(`| ${cellText(visibleName(student.student))} | | | | | ${statusWords(student.status)} | |`);
      continue;
    }
    const result = /** @type {StudentResult} */ (student);
    lines.push(
      `| ${cellText(visibleName(result.student))} | ${formatPoints(result.score)} / ${formatPoints(result.maxScore)} | ${formatPoints(result.autoScore ?? result.score)} | ` +
        `${formatPoints(result.manualScore ?? 0)} | ${formatPoints(result.pendingManual)} | ${statusWords(result.status)} | ${cellText(result.message)} |`,
    );
  }
  lines.push(
    "",
    "## Exercises",
    "",
    "Each graded student is in exactly one column of each row: " +
      "\"failed\" includes cells stopped at their time limit and cells that did not run because the notebook stopped or could not be read.",
    "",
    `| Notebook | Exercise | Points | Students | ${EXERCISE_COLUMNS.map((column) => column.title).join(" | ")} | Estimate vs ground truth (mean over passed) |`,
    `| --- | --- | ---: | ---: | ${EXERCISE_COLUMNS.map(() => "---:").join(" | ")} | --- |`,
  );
  for (const notebook of report.course.notebooks) {
    for (const exercise of notebook.exercises) {
      const outcomes = graded
        .map((student) => student.notebooks.find((item) => item.notebook === notebook.name)?.exercises.find((item) => item.id === exercise.id))
        .flatMap((item) => (item === undefined ? [] : [item]));
      const count = (/** @type {string[]} */ statuses) => outcomes.filter((item) => statuses.includes(item.status)).length;
      const estimates = outcomes.filter((item) => item.status === "passed" && typeof item.estimate === "number");
      const truth = outcomes.find((item) => typeof item.groundTruth === "number")?.groundTruth;
      const mean = estimates.length > 0 ? estimates.reduce((sum, item) => sum + /** @type {number} */ (item.estimate), 0) / estimates.length : undefined;
      const comparison = mean !== undefined || truth !== undefined ? `${formatNumber(mean) || "–"} vs ${formatNumber(truth) || "–"}` : "";
      const columns = EXERCISE_COLUMNS.map((column) => String(count(column.statuses)));
      lines.push(`| ${notebook.name} | ${exercise.id} (${exercise.kind}) | ${formatPoints(exercise.maxPoints)} | ${outcomes.length} | ${columns.join(" | ")} | ${comparison} |`);
    }
  }
  lines.push("", "Each student's details: `students/<name>/summary.md`; the executed notebooks beside it.", "");
  return lines.join("\n");
}

/**
 * @param {StudentResult} student
 * @returns {string}
 */
export function studentSummary(student) {
  const lines = [
    `# ${inertLine(visibleName(student.student))}`,
    "",
    `Score: **${scoreWords(student)}**.`,
    `Status: ${statusWords(student.status)}: ${inertLine(student.message)}.`,
    // exact, as JSON writes it; JSON.stringify leaves bidirectional controls and U+2028 as they are, which
    // reordered the rest of the line, so they are escapes too
    `Folder: ${inert(printableName(JSON.stringify(student.student)))}; results in \`students/${student.folder}/\`.`,
    `Graded ${student.gradedAt} in ${student.seconds} s.`,
  ];
  if (student.notes.length > 0) {
    lines.push("", "Problems with the folder:", "", ...student.notes.map((note) => `- ${inertLine(note.message)}`));
  }
  for (const notebook of student.notebooks) {
    lines.push("", `## ${notebook.notebook}: ${formatPoints(notebook.score)} / ${formatPoints(notebook.maxScore)}`, "");
    lines.push(`${notebook.status === "graded" ? "Ran to the end" : inertLine(notebook.message)}${notebook.run?.seconds !== undefined ? ` (${notebook.run.seconds} s, peak memory ${notebook.run.peakRssMb} MB)` : ""}.`);
    if (notebook.notes.length > 0) lines.push("", ...notebook.notes.map((note) => `- ${inertLine(note.message)}`));
    lines.push("", "| Exercise | Result | Points | Estimate | Ground truth | Message |", "| --- | --- | ---: | ---: | ---: | --- |");
    for (const exercise of notebook.exercises) {
      lines.push(
        `| ${exercise.id} (${exercise.kind}) | ${exercise.status} | ${exercise.points === null ? "to grade" : formatPoints(exercise.points)} / ${formatPoints(exercise.maxPoints)} | ` +
          `${formatNumber(exercise.estimate)} | ${formatNumber(exercise.groundTruth)} | ${cellText(exerciseMessage(exercise))} |`,
      );
    }
  }
  lines.push("");
  return lines.join("\n");
}

/** @param {import("../grade/grade-cells.mjs").Exercise} exercise */
function exerciseMessage(exercise) {
  const parts = [];
  if (exercise.checks) parts.push(exercise.checks.map((check) => `${check.name} ${check.passed ? "passed" : "failed"} (${formatPoints(check.passed ? check.points : 0)} / ${formatPoints(check.points)})`).join(", "));
  if (exercise.error) parts.push(exercise.error);
  if (exercise.manual?.comment) parts.push(`comment: ${exercise.manual.comment}`);
  return parts.join("; ");
}

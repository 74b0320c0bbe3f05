// @ts-check
// npm run autograde -- manual <class report folder>
// Answers graded by hand: writes manual-grades.json (every answer waiting for a person,
// beside the reference answer) and a page per exercise; checks the points entered there
// and puts them into the class's reports.
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseCommand } from "../src/util/command-line.mjs";
import { MANUAL_GRADES_FILE, ManualGradesError, readManualGrades, updateManualGrades, writeManualGrades } from "../src/report/manual-grades.mjs";
import { writeManualPages } from "../src/report/manual-pages.mjs";
import { studentSummary, writeClassReports } from "../src/report/write-reports.mjs";
import { privateReportFolder } from "../src/report/private-folder.mjs";
import { writeFileAtomic } from "../src/util/atomic-write.mjs";
import { printableName } from "../src/grade/class-folder.mjs";
import { claimOutputFolder } from "../src/grade/work-folders.mjs";

const usage = `Usage: npm run autograde -- manual <class report folder>

Grading by hand, for the answers the autograder leaves to a person (written answers):
the first run writes <folder>/${MANUAL_GRADES_FILE}, an entry per answer with the
student's text beside the course's reference answer, and <folder>/manual/, a page per
exercise with every student's answer. Enter "points" (0 to maxPoints) and "comment" in
the file, then run this again: it checks the file and puts the points into report.json,
gradebook.csv and the summaries. Grading the class again keeps the points entered.

Options:
  -h, --help    this text`;

/** @param {string[]} args @returns {number} the exit code */
export function manualMain(args) {
  const parsed = parseCommand(args, { help: { type: "boolean", short: "h" } }, usage, (positionals) => {
    if (positionals.length !== 1) throw new Error("give the class report folder (the one holding report.json)");
  });
  if (typeof parsed === "number") return parsed;
  const outDir = resolve(parsed.positionals[0]);
  const reportPath = join(outDir, "report.json");
  if (!existsSync(reportPath)) {
    console.error(`no report.json in ${outDir}: give the folder npm run autograde wrote (grading/<class>/ by default), after grading the class`);
    return 1;
  }
  let release = () => {};
  try {
    // the course's reference answers beside every student's: closed to other accounts before they are written
    const closed = privateReportFolder(outDir);
    if (closed) console.error(`note: ${closed}`);
    // a grading run (or a merge) rewriting this folder's reports would put its list over ours, or ours over its
    release = claimOutputFolder(outDir, { command: "manual", log: (line) => console.error(printableName(line)) });
    const report = JSON.parse(readFileSync(reportPath, "utf8"));
    const file = updateManualGrades(readManualGrades(outDir, report), report);
    writeManualGrades(outDir, file);
    const final = writeClassReports(outDir, report);
    for (const student of final.students) {
      if (student.status === "pending" || !student.folder) continue;
      const result = /** @type {import("../src/grade/grade-submission.mjs").StudentResult} */ (student);
      writeFileAtomic(join(outDir, "students", result.folder, "summary.md"), studentSummary(result));
    }
    const pages = writeManualPages(outDir, file);
    const current = file.grades.filter((entry) => entry.notCounted === undefined);
    const graded = current.filter((entry) => entry.points !== null);
    const waiting = current.filter((entry) => entry.points === null);
    const stale = current.filter((entry) => entry.points === null && entry.previousPoints !== undefined);
    const shown = relative(process.cwd(), outDir) || ".";
    console.log(
      `${graded.length} of ${current.length} answers graded by hand; ${waiting.length} to grade, worth ${waiting.reduce((sum, entry) => sum + entry.maxPoints, 0)} points` +
        (stale.length > 0 ? ` (${stale.length} changed since they were graded: their earlier points are in previousPoints)` : "") +
        ".",
    );
    // points entered for a student the class no longer has (a typo, a removed folder) count for no one: say so
    const unapplied = file.grades.filter((entry) => entry.notCounted !== undefined);
    if (unapplied.length > 0) {
      console.log(
        `note: ${unapplied.length} entr${unapplied.length === 1 ? "y" : "ies"} with points do not count: ` +
          unapplied.map((entry) => `${printableName(String(entry.student))} ${printableName(String(entry.exercise))} (${entry.notCounted?.split(":")[0]})`).join("; "),
      );
    }
    console.log(`Enter points and comments in ${join(shown, MANUAL_GRADES_FILE)} (answers side by side: ${join(shown, "manual")}/, ${pages} pages), then run this again.`);
    console.log(`Reports updated in ${shown}/: report.json, gradebook.csv, summary.md, students/<name>/summary.md`);
    return 0;
  } catch (error) {
    const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
    if (code === "ENOSPC" || code === "EDQUOT") {
      console.error(`manual grading stopped: the disk is full (${message}): free some space where ${outDir} is and run the same command again (the points entered are kept in ${MANUAL_GRADES_FILE}; each report is whole, the earlier one or the new one)`);
    } else if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
      console.error(`manual grading stopped: ${outDir} cannot be written (${message}): make it writable for this user (or copy the folder somewhere writable) and run again`);
    } else {
      console.error(error instanceof ManualGradesError ? message : `manual grading failed: ${message}`);
    }
    return 1;
  } finally {
    release();
  }
}

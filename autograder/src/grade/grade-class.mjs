// @ts-check
// A whole class: one subfolder per student, graded a few at a time. Each
// student's result is saved the moment it is ready and the class reports are
// rewritten after every student, so stopping the run loses nothing already
// graded; a later run skips students whose files, course and grader have not
// changed (unless redo).
import { cpSync, existsSync, lstatSync, readdirSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve, sep } from "node:path";
import { gradingBase } from "../execute/isolation.mjs";
import { placeCompileTable } from "../execute/compile-table.mjs";
import { startRunnerServer, stopRunnerServer } from "../execute/execute-notebook.mjs";
import { createRuntime } from "../execute/sandbox.mjs";
import { loadStubs } from "../release/stubs.mjs";
import { privateReportFolder } from "../report/private-folder.mjs";
import { classReport, scoreWords, studentSummary, writeClassReports } from "../report/write-reports.mjs";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { graderFingerprint, submissionKey } from "../util/fingerprint.mjs";
import { projectPython } from "../util/paths.mjs";
import { forEachLimited } from "../util/pool.mjs";
import { progressLine } from "../util/progress.mjs";
import { loadCourse } from "./course.mjs";
import { listFiles } from "./files.mjs";
import { ungradedNotebook } from "./grade-notebook.mjs";
import { classEntries, nestedFolders, printableName, resultFolderName } from "./class-folder.mjs";
import { isInside } from "../../../scripts/lib/paths.mjs";
import { gradeSubmission } from "./grade-submission.mjs";
import { shardEntries, shardFingerprint } from "./shards.mjs";
import { claimOutputFolder, makeWorkFolder, removeAbandonedWorkFolders } from "./work-folders.mjs";
import { removeTree } from "../util/remove-tree.mjs";

/**
 * @typedef {import("./grade-submission.mjs").StudentResult} StudentResult
 * @typedef {{ submissionsDir: string, sourceDir: string, outDir: string, jobs: number, redo: boolean,
 *   isolate: boolean, keepWork?: boolean, limits: import("../execute/execute-notebook.mjs").Limits,
 *   log?: (line: string) => void, heartbeatSeconds?: number, shard?: import("./shards.mjs").Shard }} GradeClassOptions
 *   shard: grade only that part of the class (src/grade/shards.mjs); the report then lists only its students
 */

/**
 * @param {GradeClassOptions} options
 * @returns {Promise<{ report: import("../report/write-reports.mjs").ClassReport, graded: number, reused: number }>}
 */
export async function gradeClass(options) {
  const { submissionsDir, sourceDir, outDir } = options;
  const course = loadCourse(sourceDir, loadStubs());
  const entries = setAsideCourse(classEntries(submissionsDir), submissionsDir, sourceDir);
  if (entries.students.length === 0) {
    throw new Error(
      `no student folders in ${submissionsDir}: it should hold one folder per student, each with that student's notebooks` +
        (entries.stray.length > 0 ? ` (found notebooks directly in it: ${entries.stray.join(", ")})` : ""),
    );
  }
  const notAClass = notAClassFolder(submissionsDir, sourceDir, course, entries);
  if (notAClass) throw new Error(notAClass);
  const nested = nestedFolders(submissionsDir, outDir);
  if (nested) throw new Error(nested);
  let releaseOutput = () => {};
  try {
    // the class's grades: readable by whoever grades only (on a hub the students have accounts too)
    let closed;
    try {
      closed = privateReportFolder(outDir);
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === "EOPEN") throw error;
      // on a read-only file system a recursive mkdir says ENOENT: whatever the code, the folder cannot be made
      throw Object.assign(new Error(`the folder cannot be made: ${/** @type {Error} */ (error).message}`), { code: "EACCES", path: outDir });
    }
    if (closed) (options.log ?? (() => {}))(`note: ${closed}`);
    releaseOutput = claimOutputFolder(outDir, { log: options.log });
    return await gradeEntries(options, course, entries);
  } catch (error) {
    throw reportFolderError(error, outDir);
  } finally {
    releaseOutput();
  }
}

/**
 * Why `submissionsDir` is not a class folder though it holds folders, or null: it is the course's source folder
 * (`--source`), or it holds the course's notebooks directly and none of its folders holds a notebook (one student's
 * folder, or a copy of the course, given as the class). Either was graded: its notebooks skipped, its other folders
 * (`images`, `src`, a student's `data`) graded as students with no notebooks, and the run ended as if all went well.
 * @param {string} submissionsDir @param {string} sourceDir @param {import("./course.mjs").Course} course
 * @param {ReturnType<typeof classEntries>} entries
 */
function notAClassFolder(submissionsDir, sourceDir, course, entries) {
  const fix = "give the folder that holds a folder per student";
  try {
    if (realpathSync(submissionsDir) === realpathSync(sourceDir)) return `${submissionsDir} is the course's source folder (--source), not a class folder: ${fix}`;
  } catch {
    // a folder that cannot be resolved is named where it is read
  }
  const courseNames = new Set(course.notebooks.map((notebook) => notebook.name));
  const loose = entries.stray.filter((name) => courseNames.has(name));
  if (loose.length === 0) return null;
  const anyNotebook = entries.students.some(({ dir }) => {
    try {
      return listFiles(dir).notebooks.length > 0;
    } catch {
      return true; // an unreadable folder: graded, and named, as a student's
    }
  });
  if (anyNotebook) return null;
  return (
    `${submissionsDir} holds the course's notebooks directly (${loose.map(printableName).join(", ")}) and none of its folders holds a notebook: ` +
    `it looks like one student's folder, or a copy of the course, not a class folder: ${fix} (for one student, a folder holding only that student's folder)`
  );
}

/**
 * The class's entries without the course's source folder: an entry that is it, lies inside it or holds it (a symbolic
 * link `mallory -> <course>`, which a class folder assembled by hand can hold) is *skipped*, not a student's. It was
 * graded as hers, with a note on the link only: the instructor's solutions, every point.
 * A class folder inside the course's is named as such by notAClassFolder.
 * @param {ReturnType<typeof classEntries>} entries @param {string} submissionsDir @param {string} sourceDir
 */
function setAsideCourse(entries, submissionsDir, sourceDir) {
  let source;
  try {
    source = realpathSync(sourceDir);
    if (isInside(realpathSync(submissionsDir), source)) return entries;
  } catch {
    return entries; // named where the course is read
  }
  /** @type {{ name: string, reason: string }[]} */
  const course = [];
  const students = entries.students.filter(({ name, dir }) => {
    let real;
    try {
      real = realpathSync(dir);
    } catch {
      return true;
    }
    if (!isInside(real, source) && !isInside(source, real)) return true;
    course.push({ name, reason: `the course's source folder (--source), or a folder inside it or holding it (${real}): the solutions, not a student's folder` });
    return false;
  });
  return { ...entries, students, skipped: [...entries.skipped, ...course].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) };
}

/**
 * A report folder that cannot be written (a full disk, a read-only or foreign folder) stops the
 * run: every student after would fail alike. Said with the folder and the fix, not as a bare code.
 * @param {unknown} error @param {string} outDir
 */
function reportFolderError(error, outDir) {
  const { code, path, message } = /** @type {NodeJS.ErrnoException} */ (error ?? {});
  if (code === "ENOSPC" || code === "EDQUOT") {
    return new Error(
      `the disk is full (${message}): the reports go to ${outDir}, the students' work folders to ${tmpdir()}; free some space there ` +
        "(or choose another --out) and run the same command again (the students graded so far are kept)",
    );
  }
  const inOut = typeof path === "string" && (path === outDir || path.startsWith(outDir + sep) || resolve(outDir).startsWith(path));
  if (inOut && (code === "EACCES" || code === "EPERM" || code === "EROFS")) {
    return new Error(`the reports cannot be written to ${outDir} (${message}): choose --out a folder this user can write, or make it writable, and run again`);
  }
  return error;
}

/**
 * gradeClass's work once the report folder is this run's.
 * @param {GradeClassOptions} options @param {import("./course.mjs").Course} course
 * @param {ReturnType<typeof classEntries>} entries
 */
async function gradeEntries(
  { submissionsDir, sourceDir, outDir, jobs, redo, isolate, keepWork = false, limits, log = () => {}, heartbeatSeconds = 30, shard },
  course,
  { students: folders, skipped, stray, otherFiles },
) {
  if (otherFiles.length > 0) log(`note: files in ${submissionsDir} are not submissions and were not graded: ${otherFiles.map(printableName).join(", ")}`);
  if (stray.length > 0) {
    log(`note: notebooks directly in ${submissionsDir} are not graded (${stray.map(printableName).join(", ")}); put each student's work in a folder of its own`);
  }
  const settings = { isolated: isolate, limits };
  /** @type {Map<string, StudentResult>} */
  const results = new Map();
  const everyEntry = [...folders.map((folder) => folder.name), ...skipped.map((entry) => entry.name)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const students = shard ? shardEntries(everyEntry, shard) : everyEntry;
  const inThisRun = new Set(students);
  for (const entry of skipped) if (inThisRun.has(entry.name)) results.set(entry.name, skippedEntry(entry, course));
  const shardRecord = shard && {
    ...shard,
    fingerprint: shardFingerprint({ course: course.fingerprint, grader: graderFingerprint(), settings, submissionsDir }),
    entries: everyEntry,
  };
  /** @type {{ student: string, dir: string, key: string, outDir: string, folderNote?: string }[]} */
  const todo = [];
  /** @type {string[]} */
  const linkedNotebooks = [];
  for (const { name: student, dir: folder, note: folderNote } of folders) {
    if (!inThisRun.has(student)) continue;
    const dir = assignmentFolder(folder, basename(sourceDir));
    const studentOutDir = join(outDir, "students", resultFolderName(student));
    let key = "";
    try {
      const files = listFiles(dir);
      if (files.hardLinks.some((file) => /\.ipynb$/i.test(file))) linkedNotebooks.push(student);
      const everyFile = [...files.notebooks, ...files.others.map((file) => ({ path: file.from, relative: file.to }))];
      key = submissionKey({ files: everyFile, course: course.fingerprint, settings });
    } catch {
      // an unreadable folder: grading it reports the problem for this student alone
    }
    // a grader error is never kept: the next run tries again
    /** @type {(previous: StudentResult | undefined) => previous is StudentResult} */
    const keep = (previous) => !redo && key !== "" && previous?.key === key && previous.status !== "grader-error";
    const previous = readPrevious(join(studentOutDir, "result.json"));
    const elsewhere = !keep(previous) && shard ? gradedInAnotherShard(outDir, resultFolderName(student), keep) : undefined;
    if (elsewhere) {
      // graded in another part before the class folder changed and moved it here: its whole folder comes along
      rmSync(studentOutDir, { recursive: true, force: true });
      cpSync(elsewhere.dir, studentOutDir, { recursive: true });
      results.set(student, elsewhere.result);
    } else if (keep(previous)) results.set(student, previous);
    else todo.push({ student, dir, key, outDir: studentOutDir, folderNote });
  }
  // each student's note blames her archive; a class folder copied as links (`cp -al`, `rsync --link-dest`, a backup
  // tool's snapshot) makes every notebook one, and the class was graded 0, each told to hand in copies
  if (linkedNotebooks.length > 0) {
    log(
      `note: the notebooks of ${linkedNotebooks.length} student(s) (${linkedNotebooks.slice(0, 5).map(printableName).join(", ")}${linkedNotebooks.length > 5 ? ", …" : ""}) ` +
        "are hard links (other names of files elsewhere on the disk), which are not graded: a class folder copied with `cp -al` or " +
        "`rsync --link-dest`, or a backup's snapshot, makes every notebook one; grade a copy made with `cp -r` instead",
    );
  }
  const reused = results.size - skipped.filter((entry) => inThisRun.has(entry.name)).length;
  if (reused > 0) log(`${reused} of ${students.length} submissions unchanged since they were graded: kept (--redo grades them again)`);

  // the points entered by hand: a file with problems stops the run before it grades (the first
  // reports, below, are written strictly), but one saved with a typo while it grades only keeps the
  // last points that fitted, and says so once
  let manualWarned = false;
  /** @type {import("../report/write-reports.mjs").ManualGradesDuringRun} */
  const manualDuringRun = { file: undefined };
  const writeReports = (/** @type {boolean} */ complete) =>
    writeClassReports(
      outDir,
      classReport({
        course,
        submissionsDir,
        settings,
        sandbox: isolation,
        otherFiles,
        complete,
        shard: shardRecord,
        students: students.map(
          (student) => results.get(student) ?? { student, status: /** @type {const} */ ("pending"), message: "not graded yet" },
        ),
      }),
      manualDuringRun,
    );
  /** @type {import("../execute/isolation.mjs").Isolation | null} */
  let isolation = null;
  writeReports(todo.length === 0);
  manualDuringRun.onProblem = (error) => {
    if (!manualWarned) log(`note: ${error.message}\nthe points entered by hand that fitted before are used until it is fixed (then run \`npm run autograde -- manual\` on this folder)`);
    manualWarned = true;
  };
  // its real path: node's permission model checks paths as written, and a TMPDIR reached through a symbolic link would be refused
  const base = gradingBase(realpathSync(tmpdir()), isolate);
  // also when nothing is left to grade: a run killed after its last student left its work folder (and, as root, its
  // sandbox's tmpfs mounted), which a rerun that found every student graded kept until some later run graded one
  const abandoned = removeAbandonedWorkFolders(base.dir);
  if (abandoned.length > 0) log(`removed the work folders of earlier runs that were killed before they could: ${abandoned.join(", ")}`);
  if (todo.length === 0) return { report: readReport(outDir), graded: 0, reused };

  const python = projectPython();
  log(`python: ${python}`);
  if (base.note) log(`note: ${base.note}`);
  const workDir = makeWorkFolder(base.dir, keepWork);
  const removeWorkDir = () => {
    if (!keepWork) removeTree(workDir);
  };
  process.once("exit", removeWorkDir); // also when the run is stopped by a signal
  /** @type {Map<string, string>} */
  const activity = new Map();
  const heartbeat = setInterval(() => {
    for (const [student, line] of activity) log(`  … ${printableName(student)}: ${line}`);
  }, heartbeatSeconds * 1000);
  heartbeat.unref();
  let finished = 0;
  const began = Date.now();
  /** @type {import("../execute/forked-runners.mjs").ForkedRunners | null} */
  let runners = null;
  try {
    const runtime = createRuntime(workDir, { isolate, python, heapMb: limits.heapMb });
    isolation = runtime.isolation;
    log(`kernel snapshot: ${runtime.snapshot.message}`);
    log(`cpu: ${runtime.isolation.cpu}`);
    if (runtime.packagesNote) log(`packages: ${runtime.packagesNote}`);
    const compileTable = placeCompileTable(runtime, course);
    runtime.compileTable = compileTable.table;
    log(`compile table: ${compileTable.message}`);
    const server = await startRunnerServer(python, workDir);
    runtime.runners = runners = server.runners;
    log(`runners: ${server.message}`);
    log(`grading ${todo.length} submissions, ${Math.min(jobs, todo.length)} at a time${runtime.isolated ? "" : " (no sandbox)"}`);
    log(isolationLine(runtime.isolation));
    await forEachLimited(todo, jobs, async ({ student, dir, key, outDir: studentOutDir, folderNote }) => {
      activity.set(student, "starting");
      const result = await gradeSubmission({
        student,
        dir,
        key,
        course,
        runtime,
        limits,
        python,
        studentOutDir,
        folderNote,
        keepWork,
        onProgress: (line) => activity.set(student, line),
      }).catch((error) => {
        // a full disk fails every student after this one alike: the run stops, saying where
        if (/** @type {NodeJS.ErrnoException} */ (error)?.code === "ENOSPC") {
          activity.delete(student);
          throw new Error(
            `the disk is full (${error.message}): the reports go to ${outDir}, the students' work folders to ${workDir}; ` +
              "free some space there and run the same command again (the students graded so far are kept)",
          );
        }
        // the folder removed or renamed while the class was graded (a student's hand-in withdrawn, a folder tidied): not the
        // grader's failure, which asked the instructor to report it and made the run exit 1
        if (!existsSync(dir)) return removedSubmission(student, course);
        return failedSubmission(student, course, error);
      });
      activity.delete(student);
      writeFileAtomic(join(studentOutDir, "result.json"), JSON.stringify(result, null, 1) + "\n");
      results.set(student, result);
      finished += 1;
      const written = writeReports(results.size === students.length);
      // with the points entered by hand for answers that did not change
      const withManual = /** @type {StudentResult} */ (written.students.find((item) => item.student === student));
      writeFileAtomic(join(studentOutDir, "summary.md"), studentSummary(withManual));
      const progress = progressLine({ finished, total: todo.length, elapsedSeconds: (Date.now() - began) / 1000 });
      log(
        `${progress}; ${printableName(student)}: ${scoreWords(withManual)}, ${result.status}` +
          `${result.status === "graded" ? "" : ` (${printableName(result.message)})`} in ${result.seconds} s`,
      );
    }, (error) => {
      if (activity.size > 0) log(`stopping: ${/** @type {Error} */ (error)?.message}; the ${activity.size} submission(s) being graded finish first (${[...activity.keys()].map(printableName).join(", ")})`);
    });
  } finally {
    stopRunnerServer(runners);
    clearInterval(heartbeat);
    process.removeListener("exit", removeWorkDir);
    try {
      removeWorkDir();
    } catch (error) {
      // never in place of what stopped the run; the next run removes it (its owner's record names this ended run)
      log(`note: the work folder ${workDir} could not be removed (${/** @type {Error} */ (error).message}); the next grading run removes it`);
    }
  }
  // folders added to the class while it was graded (a late hand-in copied in): named, since the report does not hold them
  try {
    const listed = new Set(everyEntry);
    const added = classEntries(submissionsDir).students.filter((entry) => !listed.has(entry.name));
    if (added.length > 0) {
      log(`note: folders added to ${submissionsDir} while the class was graded are not in the report: ${added.map((entry) => printableName(entry.name)).join(", ")}; run the same command again to grade them`);
    }
  } catch {
    // the class folder gone or unreadable by now: nothing to add
  }
  return { report: readReport(outDir), graded: finished, reused };
}

/**
 * A student whose folder was removed (or renamed) after the run listed the class: skipped, with the reason, never kept.
 * @param {string} student @param {import("./course.mjs").Course} course
 * @returns {StudentResult}
 */
function removedSubmission(student, course) {
  const message = "the folder was removed or renamed while the class was graded: run the same command again to grade the class as it is now";
  return { ...failedSubmission(student, course, message), status: "skipped", message, notebooks: course.notebooks.map((notebook) => ungradedNotebook(notebook, "not-submitted", message, "not-submitted")) };
}

/**
 * What is recorded when grading a student fails in the grader itself (an
 * unreadable folder, a bug): that student is marked, the others go on.
 * @param {string} student @param {import("./course.mjs").Course} course @param {unknown} error
 * @returns {StudentResult}
 */
function failedSubmission(student, course, error) {
  const message = `the autograder failed on this submission (not the student's fault; please report it): ${error instanceof Error ? error.message : String(error)}`;
  return {
    student,
    folder: resultFolderName(student),
    status: "grader-error",
    message,
    score: 0,
    maxScore: course.maxScore,
    pendingManual: 0,
    notes: [],
    notebooks: course.notebooks.map((notebook) => ungradedNotebook(notebook, "grader-error", message, "not-run")),
    key: "",
    gradedAt: new Date().toISOString(),
    seconds: 0,
  };
}

/**
 * An entry of the class folder that is not graded, with the reason.
 * @param {import("./class-folder.mjs").SkippedEntry} entry @param {import("./course.mjs").Course} course
 * @returns {StudentResult}
 */
function skippedEntry({ name, reason }, course) {
  const message = `not graded: ${reason}`;
  return {
    student: name,
    folder: "",
    status: "skipped",
    message,
    score: 0,
    maxScore: course.maxScore,
    pendingManual: 0,
    notes: [],
    notebooks: [],
    key: "",
    gradedAt: new Date().toISOString(),
    seconds: 0,
  };
}

/**
 * How notebooks are kept from the grader, in one line for the log.
 * @param {import("../execute/isolation.mjs").Isolation} isolation
 */
function isolationLine(isolation) {
  return isolation.kind === "own-user"
    ? `sandbox: each kernel runs as a user of its own (${isolation.reason})`
    : `sandbox: kernels run as this user${process.getuid?.() === 0 ? ", root," : ""} (${isolation.reason}): a notebook can signal the grader's processes; ` +
        "the grader charges a stopped runner to its notebook, but a notebook that kills the grader itself ends the run, " +
        "and the disk limit is checked every 2 s, not enforced";
}

/**
 * What nbgrader's collect makes of a student's submissions: a folder per assignment
 * (`submitted/<student>/<assignment>/`). When the student's folder holds a folder named like the
 * course's source folder (the assignment graded), that folder is the submission: the student's
 * other assignments are not part of this course's grading, not "notebooks that are not part of
 * the course". A link there is not followed (the folder is graded as given).
 * @param {string} folder @param {string} assignment
 */
function assignmentFolder(folder, assignment) {
  try {
    const inner = join(folder, assignment);
    return lstatSync(inner).isDirectory() ? inner : folder;
  } catch {
    return folder;
  }
}

/**
 * A student's result folder in the class's other shard folders (`<out>/shards/*`) whose result
 * `keep` accepts (the same submission, graded by the same grader): adding or removing a student
 * moves others from one shard to the next, which then need not grade them again.
 * @param {string} shardOutDir @param {string} folder
 * @param {(result: StudentResult | undefined) => result is StudentResult} keep
 * @returns {{ dir: string, result: StudentResult } | undefined}
 */
function gradedInAnotherShard(shardOutDir, folder, keep) {
  const shardsDir = dirname(shardOutDir);
  /** @type {string[]} */
  let siblings = [];
  try {
    siblings = readdirSync(shardsDir).filter((name) => join(shardsDir, name) !== shardOutDir);
  } catch {
    return undefined;
  }
  for (const sibling of siblings) {
    const dir = join(shardsDir, sibling, "students", folder);
    const result = readPrevious(join(dir, "result.json"));
    if (keep(result)) return { dir, result };
  }
  return undefined;
}

/** @param {string} path @returns {StudentResult | undefined} */
function readPrevious(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

/** @param {string} outDir */
function readReport(outDir) {
  return JSON.parse(readFileSync(join(outDir, "report.json"), "utf8"));
}

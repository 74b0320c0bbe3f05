#!/usr/bin/env node
// @ts-check
// node autograder/bin/nbgrader-autograde.mjs <chapter> [--jobs N] [--force] [--course <dir>] [-- <nbgrader options>]
//
// `nbgrader autograde <chapter>` for a class, several students at a time: real nbgrader processes side by side in the
// course folder, each with the course's config and a share of the students (named in a file,
// src/nbgrader/class_share.py), so the gradebook, autograded/ and the feedback are what one
// `nbgrader autograde <chapter>` makes. Students autograded already are skipped as nbgrader skips them (--force grades
// them again); a student nbgrader fails, or whose process dies, is named at the end with the command that grades her
// again, and the others are graded; Ctrl-C stops the processes, removes the half-made folders and says how to resume.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { printableName } from "../src/grade/class-folder.mjs";
import { claimOutputFolder } from "../src/grade/work-folders.mjs";
import { abandon, isAutograded, nextChunkSize, outcomes, planClass, regradeCommand, shareLabel, shareLogReader, notACourse, unknownChapter } from "../src/nbgrader/class-plan.mjs";
import { formatDuration, progressLine } from "../src/util/progress.mjs";
import { typedIn, venvBin, venvBinDir } from "../../scripts/lib/paths.mjs";

const usage = "Usage: node autograder/bin/nbgrader-autograde.mjs <chapter> [--jobs N] [--force] [--course <dir>] [-- <nbgrader autograde options>]";
const TRIES = 3;
// a process asked to stop (Ctrl-C) that has not ended by then is killed, kernels and all
const STOP_GRACE_MS = 30_000;

/** @param {string[]} argv */
function readArguments(argv) {
  const dashes = argv.indexOf("--");
  const own = dashes >= 0 ? argv.slice(0, dashes) : argv;
  const { values, positionals } = parseArgs({
    args: own,
    options: { jobs: { type: "string", short: "j" }, force: { type: "boolean", short: "f" }, course: { type: "string" } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error("give one chapter (nbgrader's assignment name)");
  const cores = availableParallelism();
  const jobs = values.jobs === undefined ? cores : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs takes a whole number from 1, not ${values.jobs}`);
  return { chapter: positionals[0], jobs, chosen: values.jobs !== undefined, cores, force: values.force ?? false, courseDir: resolve(typedIn(), values.course ?? "."), extra: dashes >= 0 ? argv.slice(dashes + 1) : [] };
}

/**
 * Why the course's lock could not be taken, with the fix: node's own words ("EACCES: permission denied, open …")
 * named neither the course nor what to do. nbgrader writes its gradebook and folders there too, so a course this
 * account may not write to could not be graded from it anyway.
 * @param {unknown} error @param {string} courseDir
 */
function lockError(error, courseDir) {
  const { code, message } = /** @type {NodeJS.ErrnoException} */ (error);
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    return `the course folder ${courseDir} cannot be written by this account (${message}): nbgrader writes its gradebook and students' folders there; run as the account that owns the course, or make it writable, and run again`;
  }
  if (code === "ENOSPC" || code === "EDQUOT") return `the disk of the course folder ${courseDir} is full (${message}): free some space there and run again`;
  return message;
}

async function main() {
  const { chapter, jobs, chosen, cores, force, courseDir, extra } = readArguments(process.argv.slice(2));
  const notCourse = notACourse(courseDir);
  if (notCourse) throw new Error(notCourse);
  const notAChapter = unknownChapter({ courseDir, chapter });
  if (notAChapter) throw new Error(notAChapter);
  // two runs at once on one course planned the same students, graded each twice side by side into the same folders,
  // and one's Ctrl-C removed the folders the other was making: one run a course at a time (whatever its chapter: they
  // share the gradebook)
  try {
    claimOutputFolder(courseDir, { command: "nbgrader", lockName: ".nbgrader-autograde.lock", log: (line) => console.log(printableName(line)) });
  } catch (error) {
    console.error(lockError(error, courseDir));
    process.exitCode = 1;
    return;
  }
  // from here on a Ctrl-C stops the run (the processes started by then, once each), whenever it comes
  let stopRequested = () => {};
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) process.on(signal, () => stopRequested());
  const plan = planClass({ courseDir, chapter, force });
  const total = plan.toGrade.length;
  const started = Date.now();
  console.log(
    `Autograding ${chapter}: ${total} of ${plan.all.length} students to grade` +
      (plan.done.length ? ` (${plan.done.length} autograded already, skipped: --force grades them again)` : "") +
      `, ${Math.min(jobs, Math.max(1, total))} at a time (${chosen ? `--jobs ${jobs}` : "one per core: --jobs N to change"}; the machine has ${cores} cores).`,
  );
  // every line of every nbgrader process, each with the student it is about or, where no one student, the process's
  // share (the terminal shows the warnings and errors)
  const logPath = resolve(courseDir, "autograde-logs", `${chapter}.log`);
  mkdirSync(dirname(logPath), { recursive: true });
  const log = createWriteStream(logPath, { flags: "a" });
  log.write(`# ${new Date().toISOString()} ${process.argv.slice(2).join(" ")}\n`);
  /** @type {string[]} */
  const queue = [...plan.toGrade];
  /** @type {Map<string, number>} */
  const tries = new Map();
  /** @type {Map<string, string[]>} the nbgrader lines of each student, kept for those who fail */
  const lines = new Map();
  /** @type {Map<string, string>} */
  const results = new Map();
  let finished = 0;
  let stopping = false;
  let barren = 0;
  /** @type {string[] | null} the last lines of nbgrader when it would grade no one */
  let givenUp = null;
  /** @type {Set<import("node:child_process").ChildProcess>} */
  const running = new Set();
  const shares = mkdtempSync(join(tmpdir(), "neural-mi-class-shares-"));
  let shareCount = 0;

  const finish = (/** @type {string} */ student, /** @type {string} */ result) => {
    results.set(student, result);
    finished += 1;
    const elapsed = (Date.now() - started) / 1000;
    const failures = [...results.values()].filter((value) => value === "failed").length;
    console.log(`${progressLine({ finished, total, elapsedSeconds: elapsed })}: ${printableName(student)} ${result}${failures ? ` (${failures} failed so far)` : ""}`);
  };

  const uncount = (/** @type {string} */ student) => {
    results.delete(student);
    finished -= 1;
  };

  stopRequested = () => {
    if (stopping) return;
    stopping = true;
    console.log("Stopping: the students being graded are abandoned, their half-made folders removed; the same command resumes.");
    for (const child of running) {
      child.kill("SIGINT");
      setTimeout(() => {
        if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // ended meanwhile
        }
      }, STOP_GRACE_MS).unref();
    }
  };

  /** Runs nbgrader on `chunk`, resolves once it ended and its students are counted. */
  const grade = (/** @type {string[]} */ chunk) =>
    new Promise((resolveRun) => {
      // the share named exactly (src/nbgrader/class_share.py): nbgrader's own exclusion is a list split at commas
      const shareFile = join(shares, `${++shareCount}.json`);
      writeFileSync(shareFile, JSON.stringify(chunk));
      const args = ["autograde", chapter, ...(force ? ["--force"] : []), ...extra];
      // a process group of its own: the terminal's Ctrl-C reaches this command only, which stops each nbgrader once
      const child = spawn(venvBin("nbgrader"), args, {
        cwd: courseDir,
        env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}`, NEURAL_MI_CLASS_SHARE: shareFile },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      running.add(child);
      const seen = { started: new Set(), skipped: new Set(), failed: new Set(), locked: new Set() };
      // a student is counted once the next one starts or the process ends (her folder is checked then)
      const counted = new Set();
      const finishOne = (/** @type {string} */ student) => {
        counted.add(student);
        // taken up (class_share.py's line) and then passed over by nbgrader, her folder graded before
        finish(student, seen.skipped.has(student) ? "skipped" : isAutograded(courseDir, chapter, student) ? "graded" : "failed");
      };
      /** @type {string | null} */
      let current = null;
      /** @type {string[]} */
      const tail = [];
      const whose = shareLogReader(chapter, chunk);
      const ofTheShare = shareLabel(chunk);
      const read = (/** @type {string} */ line) => {
        tail.push(line);
        if (tail.length > 12) tail.shift();
        const { said, owner, takenUp: now } = whose(line);
        if (now && now !== current) {
          // the student before is done
          if (current && !counted.has(current) && !seen.failed.has(current)) finishOne(current);
          current = now;
          seen.started.add(now);
        }
        if (said.skipped) seen.skipped.add(said.skipped);
        if (said.failed && !seen.failed.has(said.failed)) {
          seen.failed.add(said.failed);
          if (!counted.has(said.failed)) {
            counted.add(said.failed);
            finish(said.failed, "failed");
          }
        }
        if (owner && /database is locked/.test(line)) seen.locked.add(owner);
        if (owner) lines.set(owner, [...(lines.get(owner) ?? []), line].slice(-200));
        // a student's id as the console shows it: one holding a line break cut the log's line in two
        log.write(`${owner === null ? ofTheShare : printableName(owner)}\t${line}\n`);
        // nbgrader's warnings as it says them (a late submission, files left out), with whose they are; a file
        // name of the submission's in one, its escape sequences and carriage returns, as text (printableName)
        if (/\| WARNING\]/.test(line)) console.log(`  ${owner === null ? ofTheShare : printableName(owner)}: ${printableName(line)}`);
      };
      /** @type {Array<() => void>} */
      const flushes = [];
      for (const stream of [child.stdout, child.stderr]) {
        let partial = "";
        stream.on("data", (/** @type {Buffer} */ data) => {
          const parts = (partial + data.toString("utf8")).split("\n");
          partial = parts.pop() ?? "";
          parts.forEach(read);
        });
        flushes.push(() => partial && read(partial));
      }
      child.on("error", (error) => {
        console.error(`nbgrader could not be started: ${error.message}`);
      });
      child.on("close", (code) => {
        running.delete(child);
        for (const flush of flushes) flush();
        // a process that ends in error before any student of its share (run as root in the hub's course folder, a
        // broken config) will end so for every share: after two such, none more is started
        if (seen.started.size || seen.skipped.size) barren = 0;
        else if (code !== 0 && !stopping && ++barren >= 2) givenUp = tail;
        for (const [student, result] of outcomes({ courseDir, chapter, chunk, ...seen })) {
          if (stopping && result !== "graded" && result !== "skipped") {
            abandon(courseDir, chapter, student);
            if (counted.has(student)) uncount(student);
            continue;
          }
          if (result === "again") {
            tries.set(student, (tries.get(student) ?? 0) + 1);
            if ((tries.get(student) ?? 0) < TRIES) {
              if (counted.has(student)) uncount(student);
              queue.push(student);
              continue;
            }
          }
          const final = result === "again" ? "failed" : result;
          // counted when the next student started: nbgrader may have named her since
          if (counted.has(student)) results.set(student, final);
          else finish(student, final);
        }
        resolveRun(undefined);
      });
    });

  const processes = Math.min(jobs, Math.max(1, total));
  // the k-th process's first share is what is left divided among it and those not started yet; then among all
  const worker = async (/** @type {unknown} */ _, /** @type {number} */ k) => {
    let ways = processes - k;
    while (queue.length && !stopping && !givenUp) {
      const size = nextChunkSize(queue.length, ways);
      ways = processes;
      await grade(queue.splice(0, size));
    }
  };
  await Promise.all(Array.from({ length: processes }, worker));
  rmSync(shares, { recursive: true, force: true });

  const elapsed = (Date.now() - started) / 1000;
  const named = (/** @type {string} */ kind) => [...results].filter(([, result]) => result === kind).map(([student]) => student);
  const failed = named("failed");
  const graded = named("graded");
  const skipped = named("skipped");
  console.log(
    `${stopping ? "Stopped" : givenUp ? "Gave up" : "Done"} in ${formatDuration(elapsed)}: ${graded.length} graded, ${failed.length} failed` +
      `${skipped.length + plan.done.length ? `, ${skipped.length + plan.done.length} autograded already (skipped)` : ""}` +
      `${stopping || givenUp ? `, ${total - results.size} not graded yet` : ""}.`,
  );
  // (set in the processes' handlers, which TypeScript does not follow)
  const lastLines = /** @type {string[] | null} */ (givenUp);
  if (lastLines) console.log(`nbgrader ended twice before grading any student of its share, and no more were started; its last lines:\n    ${lastLines.map(printableName).join("\n    ")}`);
  for (const student of failed) {
    const errors = (lines.get(student) ?? []).filter((line) => /ERROR|Error|Traceback/.test(line)).slice(-6).map(printableName);
    console.log(`  ${printableName(student)} failed${errors.length ? ":\n    " + errors.join("\n    ") : " (the nbgrader process ended while grading her)"}`);
    console.log(`    to grade her again: ${regradeCommand(chapter, student)}`);
  }
  if (stopping) console.log(`To go on: the same command again${force ? ", without --force (which grades everyone again)" : ""}: the students autograded are skipped.`);
  console.log(`nbgrader's whole log: ${relative(typedIn(), logPath)}`);
  await new Promise((done) => log.end(done));
  process.exitCode = stopping ? 130 : failed.length || givenUp ? 1 : 0;
}

main().catch((error) => {
  console.error(`${/** @type {Error} */ (error).message}\n${usage}`);
  process.exitCode = 2;
});

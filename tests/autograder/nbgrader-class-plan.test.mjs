// What the parallel `nbgrader autograde` (autograder/bin/nbgrader-autograde.mjs) hands out and how it reads what each
// nbgrader process did (src/nbgrader/class-plan.mjs): the students nbgrader would skip are not handed out, a process
// that dies takes only the student it was grading with it, a student stopped by Ctrl-C leaves no half-made folder.
// No nbgrader runs here: nbgrader-deep-folders.test.mjs grades a class with the command.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { abandon, nextChunkSize, outcomes, planClass, readLogLine, regradeCommand, shareLabel, shareLogReader, notACourse, unknownChapter } from "../../autograder/src/nbgrader/class-plan.mjs";
import { startTicks } from "../../autograder/src/grade/work-folders.mjs";
import { repoRoot, temporaryDir } from "./helpers.mjs";
import { venvBin } from "../../scripts/lib/paths.mjs";

/** A course folder: each student's submitted/<student>/ch/ with a notebook, and autograded/ as given. */
function course(/** @type {Record<string, { autograded?: boolean, mark?: boolean, submittedAt?: string, gradedAt?: string, notebook?: boolean }>} */ students) {
  const root = temporaryDir();
  for (const [student, state] of Object.entries(students)) {
    const submitted = join(root, "submitted", student, "ch");
    mkdirSync(submitted, { recursive: true });
    if (state.notebook !== false) writeFileSync(join(submitted, "a.ipynb"), "{}");
    if (state.submittedAt) writeFileSync(join(submitted, "timestamp.txt"), state.submittedAt);
    if (state.autograded) {
      mkdirSync(join(root, "autograded", student, "ch"), { recursive: true });
      if (state.gradedAt) writeFileSync(join(root, "autograded", student, "ch", "timestamp.txt"), state.gradedAt);
    }
    if (state.mark) writeFileSync(join(root, "autograded", student, ".ch.unfinished"), "1 2\n");
  }
  return root;
}

test("the students handed out: those nbgrader would grade; the autograded ones skipped unless --force", () => {
  const root = course({
    done: { autograded: true, submittedAt: "2026-12-01 10:00:00.000000 UTC", gradedAt: "2026-12-01 10:00:00.000000 UTC" },
    "done-untimed": { autograded: true },
    newer: { autograded: true, submittedAt: "2026-12-02 10:00:00.000000 UTC", gradedAt: "2026-12-01 10:00:00.000000 UTC" },
    "cut-short": { autograded: true, mark: true },
    fresh: {},
    "no-notebook": { notebook: false },
    ".hidden": {},
  });
  assert.deepEqual(planClass({ courseDir: root, chapter: "ch" }), {
    all: ["cut-short", "done", "done-untimed", "fresh", "newer"],
    // a newer submission is nbgrader's to regrade; a folder a stopped run left (its mark) is made again
    toGrade: ["cut-short", "fresh", "newer"],
    done: ["done", "done-untimed"],
  });
  assert.deepEqual(planClass({ courseDir: root, chapter: "ch", force: true }).toGrade, ["cut-short", "done", "done-untimed", "fresh", "newer"]);
  assert.deepEqual(planClass({ courseDir: temporaryDir(), chapter: "ch" }), { all: [], toGrade: [], done: [] });
});

test("a chapter the course does not have is named, with the course's chapters or the one meant; one it has passes", () => {
  const root = course({ ana: {} });
  mkdirSync(join(root, "source", "01-problem-formulation"), { recursive: true });
  mkdirSync(join(root, "release", "02-neural-estimation-dv-bound"), { recursive: true });
  // a typo graded "0 of 0 students" and said "0 failed", with exit code 0
  assert.match(unknownChapter({ courseDir: root, chapter: "01-problem-formulaton" }), /has no chapter "01-problem-formulaton" .*: its chapters are 01-problem-formulation, 02-neural-estimation-dv-bound, ch$/);
  assert.match(unknownChapter({ courseDir: root, chapter: "01-Problem-Formulation" }), /did you mean 01-problem-formulation\?$/);
  for (const chapter of ["01-problem-formulation", "02-neural-estimation-dv-bound", "ch"]) assert.equal(unknownChapter({ courseDir: root, chapter }), undefined, chapter);
});

test("run from the folder above the course (the hub instructor's home), the course folder below is named with its cd", () => {
  const home = temporaryDir();
  mkdirSync(join(home, "course"));
  writeFileSync(join(home, "course", "nbgrader_config.py"), "");
  assert.equal(notACourse(home), `${home} is not an nbgrader course folder (no nbgrader_config.py): cd course (a course folder below it), or give --course`);
  assert.equal(notACourse(join(home, "course")), undefined);
  // a folder with no course below it (not /tmp, where other runs' course folders come and go)
  assert.match(notACourse(temporaryDir()), /no nbgrader_config\.py\): run in the course folder or give --course$/);
});

test("processes take shares of what is left, never more than 8 students, at least one", () => {
  // a class of 6, two at a time: 3 each at first (the second process shares what is left with no one)
  assert.deepEqual([nextChunkSize(6, 2), nextChunkSize(3, 1)], [3, 3]);
  // then shares among both, smaller at the end
  assert.deepEqual([nextChunkSize(20, 2), nextChunkSize(3, 2), nextChunkSize(1, 2)], [8, 2, 1]);
  assert.equal(nextChunkSize(300, 2), 8);
  assert.equal(nextChunkSize(0, 4), 1);
});

test("nbgrader's log lines: the student it starts, skips, or fails", () => {
  assert.deepEqual(readLogLine("[AutogradeApp | INFO] Creating/updating student with ID 'ana': {}", "ch"), { started: "ana" });
  assert.deepEqual(readLogLine("[AutogradeApp | INFO] Skipping existing assignment: /c/autograded/ana/ch", "ch"), { skipped: "ana" });
  assert.deepEqual(readLogLine("[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/ben/ch", "ch"), { failed: "ben" });
  // and again in nbgrader's closing list, after its last student
  assert.deepEqual(readLogLine("[AutogradeApp | ERROR] There was an error processing assignment 'ch' for student 'ben'", "ch"), { failed: "ben", listed: "ben" });
  // src/nbgrader/class_share.py's line as nbgrader takes a student up, before any other line of hers
  assert.deepEqual(readLogLine("[AutogradeApp | INFO] Grading student with ID 'ana' of this process's share", "ch"), { began: "ana" });
  // an id holding a quote is read whole
  assert.deepEqual(readLogLine("[AutogradeApp | INFO] Creating/updating student with ID 'O'Brien': {}", "ch"), { started: "O'Brien" });
  assert.deepEqual(readLogLine("[AutogradeApp | INFO] Grading student with ID 'O'Brien' of this process's share", "ch"), { began: "O'Brien" });
  assert.deepEqual(readLogLine("[AutogradeApp | ERROR] There was an error processing assignment 'ch' for student 'O'Brien'", "ch"), { failed: "O'Brien", listed: "O'Brien" });
  assert.deepEqual(readLogLine("[AutogradeApp | ERROR] There was an error processing assignment 'ch2' for student 'ben'", "ch"), {});
  // the log writes an id's control characters as escapes (src/nbgrader/printable_log.py): read as the share's id
  const odd = "eve\x1b[2J\u202e";
  assert.deepEqual(readLogLine("[AutogradeApp | INFO] Creating/updating student with ID 'eve\\u001b[2J\\u202e': {}", "ch", ["ana", odd]), { started: odd });
  assert.deepEqual(readLogLine("[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/eve\\u001b[2J\\u202e/ch", "ch", [odd]), { failed: odd });
});

test("a submission's text in nbgrader's log, ending as nbgrader's own lines end, says nothing of any student", () => {
  // as a run logged them: a cell's line written to its kernel's stderr (kernel_output.py), and a file handed in
  // under a name holding a line break, which nbgrader names in "Copying <file> -> <file>" (its formatter indents
  // the lines after a record's first); read anywhere in a line, they reported another student of the share failed
  const forged = [
    "[AutogradeApp | WARNING] the kernel: There was an error processing assignment 'ch' for student 'ana'",
    "[AutogradeApp | WARNING] the kernel: [AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/ana/ch",
    "[AutogradeApp | WARNING] the kernel: Grading student with ID 'ana' of this process's share",
    "[AutogradeApp | WARNING] the kernel: Creating/updating student with ID 'ana': {}",
    "[AutogradeApp | WARNING] the kernel: Skipping existing assignment: /c/autograded/ana/ch",
    "    [AutogradeApp | ERROR] There was an error processing assignment 'ch' for student 'ana'",
  ];
  for (const line of forged) assert.deepEqual(readLogLine(line, "ch", ["ana", "zed"]), {}, line);
  const whose = shareLogReader("ch", ["ana", "zed"]);
  whose("[AutogradeApp | INFO] Grading student with ID 'zed' of this process's share");
  assert.deepEqual(forged.map((line) => whose(line).owner), forged.map(() => "zed"));
});

// one nbgrader process's log of a share of three (as a run of the command wrote it, the paths shortened): a student's
// files left out are named before nbgrader's first line of hers, "Creating/updating student"
const SHARE_LOG = `[AutogradeApp | WARNING] The folder /c/submitted/.hidden is not graded: its name starts with ".", a hidden folder, which nbgrader does not see as a student's: rename it without the dot
[AutogradeApp | INFO] Grading student with ID 'ana' of this process's share
[AutogradeApp | INFO] Creating/updating student with ID 'ana': {}
[AutogradeApp | WARNING] Attribute 'checksum' for cell square-test has changed! (should be: bcd3, got: e449)
[AutogradeApp | INFO] Setting destination file permissions to 444
[AutogradeApp | INFO] Grading student with ID 'O'Brien' of this process's share
[AutogradeApp | WARNING] Removing existing assignment: /c/autograded/O'Brien/ch
[AutogradeApp | WARNING] Left out /c/submitted/O'Brien/ch/big.bin: a file over 1000 kB is not copied (CourseDirectory.max_file_size)
[AutogradeApp | INFO] Creating/updating student with ID 'O'Brien': {}
[AutogradeApp | INFO] Setting destination file permissions to 444
[AutogradeApp | INFO] Grading student with ID 'eve\\u001b[2J' of this process's share
[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/eve\\u001b[2J/ch
[AutogradeApp | ERROR] Traceback (most recent call last):
    FileExistsError: [Errno 17] File exists: '/c/autograded/eve\\u001b[2J'
[AutogradeApp | ERROR] There was an error processing assignment 'ch' for student 'eve\\u001b[2J'
[AutogradeApp | ERROR] Please see the the above traceback for details on the specific errors on the above failures.`;

test("each line of a share's log is labelled with the student it is about, from her first line on; the others with the share", () => {
  const odd = "eve\x1b[2J";
  const share = ["ana", "O'Brien", odd];
  const whose = shareLogReader("ch", share);
  const owners = SHARE_LOG.split("\n").map((line) => whose(line).owner);
  assert.deepEqual(owners, [null, "ana", "ana", "ana", "ana", "O'Brien", "O'Brien", "O'Brien", "O'Brien", "O'Brien", odd, odd, odd, odd, odd, null]);
  assert.equal(shareLabel(share), "nbgrader (share: ana; O'Brien; eve\\u001b[2J)");
  // a student named that the share does not hold (a line misread) takes no line
  const misread = shareLogReader("ch", ["ana"]);
  misread("[AutogradeApp | INFO] Grading student with ID 'ana' of this process's share");
  assert.equal(misread("[AutogradeApp | INFO] Creating/updating student with ID 'ben': {}").owner, "ana");
});

// an id holding a line break (a learning platform's folder): nbgrader's own line about her is cut in two, and reads as no
// one's; class_share.py's line, escaped, says her grading began, and the lines after are hers
test("a student whose id holds a line break is taken up by class_share's line: her grading is seen begun, her lines are hers", () => {
  const odd = "Doe\nJane";
  const whose = shareLogReader("ch", ["ana", odd]);
  const lines = [
    "[AutogradeApp | INFO] Grading student with ID 'ana' of this process's share",
    "[AutogradeApp | INFO] Creating/updating student with ID 'ana': {}",
    "[AutogradeApp | INFO] Grading student with ID 'Doe\\u000aJane' of this process's share",
    "[AutogradeApp | INFO] Creating/updating student with ID 'Doe",
    "Jane': {}",
    "[AutogradeApp | INFO] Setting destination file permissions to 444",
  ];
  const read = lines.map((line) => whose(line));
  assert.deepEqual(read.map((r) => r.takenUp), ["ana", "ana", odd, undefined, undefined, undefined]);
  assert.deepEqual(read.map((r) => r.owner), ["ana", "ana", odd, odd, odd, odd]);
  // a line naming a student outside the share begins no one's grading
  assert.equal(shareLogReader("ch", ["ana"])("[AutogradeApp | INFO] Creating/updating student with ID 'ben': {}").takenUp, undefined);
});

test("a process that died mid-student fails her alone: the students it had not reached are handed out again", () => {
  const root = course({ ana: { autograded: true }, ben: { autograded: true, mark: true }, chloe: {}, dan: {}, eve: { autograded: true } });
  const seen = { started: new Set(["ana", "ben", "dan", "eve"]), skipped: new Set(), failed: new Set(["dan"]), locked: new Set(["eve"]) };
  const result = outcomes({ courseDir: root, chapter: "ch", chunk: ["ana", "ben", "chloe", "dan", "eve"], ...seen });
  assert.deepEqual(Object.fromEntries(result), {
    ana: "graded",
    // killed while her notebooks ran: her folder still marked unfinished
    ben: "failed",
    chloe: "again",
    // named by nbgrader
    dan: "failed",
    // the gradebook held by another process past its wait: nbgrader stopped there
    eve: "again",
  });
});

test("a student stopped by Ctrl-C leaves no half-made folder, and the next run grades her", () => {
  const root = course({ ben: { autograded: true, mark: true }, ana: { autograded: true } });
  assert.equal(abandon(root, "ch", "ben"), true);
  assert.equal(existsSync(join(root, "autograded", "ben", "ch")), false);
  // one nbgrader finished before the stop is kept
  assert.equal(abandon(root, "ch", "ana"), false);
  assert.equal(existsSync(join(root, "autograded", "ana", "ch")), true);
  assert.deepEqual(planClass({ courseDir: root, chapter: "ch" }).toGrade, ["ben"]);
});

test("the command that grades a failed student again pastes into a shell as it is, whatever her id", () => {
  assert.equal(regradeCommand("ch", "ana"), "nbgrader autograde ch --student ana --force");
  assert.equal(regradeCommand("ch", "Doe, Jane"), "nbgrader autograde ch --student 'Doe, Jane' --force");
  assert.equal(regradeCommand("ch", "O'Brien; rm -rf ~"), "nbgrader autograde ch --student 'O'\\''Brien; rm -rf ~' --force");
  // an id that starts with "-" is given with "=": after a space nbgrader's parser read it as an option ("--student:
  // expected one argument"), and the command printed to grade her again failed
  assert.equal(regradeCommand("ch", "--CourseDirectory.root=x"), "nbgrader autograde ch --student=--CourseDirectory.root=x --force");
  assert.equal(regradeCommand("ch", "-a b"), "nbgrader autograde ch --student='-a b' --force");
  // an id holding what a terminal acts on (a carriage return, an escape sequence, a right-to-left override) shows
  // as text, and the shell reads it back as that id
  const odd = "eve\r\x1b[2Jmallory's\u202e\\";
  const command = regradeCommand("ch", odd);
  assert.equal(command, "nbgrader autograde ch --student $'eve\\x0d\\x1b[2Jmallory\\'s\\u202e\\\\' --force");
  const word = command.slice("nbgrader autograde ch --student ".length, -" --force".length);
  const read = spawnSync("bash", ["-c", `printf %s ${word}`], { encoding: "utf8", env: { ...process.env, LC_ALL: "C.UTF-8" } });
  assert.equal(read.stdout, odd, read.stderr);
});

test("a second run on a course another run is grading is refused, naming that run; nothing of the course is touched", () => {
  const root = course({ ana: {} });
  writeFileSync(join(root, "nbgrader_config.py"), "");
  mkdirSync(join(root, "source", "ch"), { recursive: true });
  // this test's own process stands for the run under way (alive, its start time recorded as a run records it)
  const lock = JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: "2026-12-07T10:00:00.000Z", command: "nbgrader" });
  writeFileSync(join(root, ".nbgrader-autograde.lock"), lock);
  const run = spawnSync(process.execPath, [join(repoRoot, "autograder", "bin", "nbgrader-autograde.mjs"), "ch", "--course", root], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, new RegExp(`another \`npm run nbgrader:autograde\` \\(process ${process.pid}, started 2026-12-07T10:00:00.000Z\\) is writing to ${root}: wait for it to end, then run this again`));
  assert.equal(existsSync(join(root, "autograde-logs")), false, "no log begun, no nbgrader started");
  assert.equal(readFileSync(join(root, ".nbgrader-autograde.lock"), "utf8"), lock, "the other run's lock is left as it was");
});

test("a course folder this user may not write to stops the run at once, naming the folder and the fix, not node's EACCES", () => {
  const root = course({ ana: {} });
  writeFileSync(join(root, "nbgrader_config.py"), "");
  mkdirSync(join(root, "source", "ch"), { recursive: true });
  // readable by all, written by its owner alone: as root, the run is another account's (nobody's); otherwise the
  // folder is closed to its own owner too
  const asRoot = process.getuid?.() === 0;
  chmodSync(root, asRoot ? 0o755 : 0o555);
  const run = spawnSync(process.execPath, [join(repoRoot, "autograder", "bin", "nbgrader-autograde.mjs"), "ch", "--course", root], {
    encoding: "utf8",
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  chmodSync(root, 0o700);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, new RegExp(`^the course folder ${root} cannot be written by this account \\(.*\\): nbgrader writes its gradebook and students' folders there; run as the account that owns the course, or make it writable, and run again\n$`));
  assert.equal(existsSync(join(root, "autograde-logs")), false, "no log begun, no nbgrader started");
});

test("a plain nbgrader autograde typed while a run grades the course is refused, naming the run; the run's own processes pass; a typed one holds the course while it runs", () => {
  const root = course({ ana: {} });
  mkdirSync(join(root, "source", "ch"), { recursive: true });
  writeFileSync(join(root, "nbgrader_config.py"), `c = get_config()\nload_subconfig(${JSON.stringify(join(repoRoot, "autograder", "nbgrader_config.py"))})\n`);
  // this test's own process stands for the run under way
  writeFileSync(join(root, ".nbgrader-autograde.lock"), JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: "2026-12-07T10:00:00.000Z", command: "nbgrader" }));
  const nbgrader = (env = {}) => spawnSync(venvBin("nbgrader"), ["autograde", "ch", "--student", "ana"], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } });
  const typed = nbgrader();
  assert.equal(typed.status, 1, typed.stdout + typed.stderr);
  assert.match(typed.stderr, new RegExp(`\`npm run nbgrader:autograde\` \\(process ${process.pid}, started 2026-12-07T10:00:00.000Z\\) is grading this course \\(${root}\\): .*wait for it to end, then run this again`));
  assert.equal(existsSync(join(root, "autograded")), false, "nbgrader graded no one");
  // a process of the run, with its share of the class, is not refused by the lock (it goes on to nbgrader's own work)
  const share = join(root, "share.json");
  writeFileSync(share, JSON.stringify(["ana"]));
  const ofTheRun = nbgrader({ NEURAL_MI_CLASS_SHARE: share });
  assert.doesNotMatch(ofTheRun.stderr, /is grading this course/);
  // a typed one on a free course holds the lock while it runs (written as the other commands' records are) and leaves
  // none when it ends
  rmSync(join(root, ".nbgrader-autograde.lock"));
  const free = nbgrader();
  assert.doesNotMatch(free.stderr, /is grading this course/);
  assert.equal(existsSync(join(root, ".nbgrader-autograde.lock")), false, "the typed run released the course");
  // and while a typed one holds it, another typed one and a class run are refused, naming it
  writeFileSync(join(root, ".nbgrader-autograde.lock"), JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: "2026-12-07T11:00:00Z", command: "nbgrader-typed" }));
  const second = nbgrader();
  assert.equal(second.status, 1, second.stdout + second.stderr);
  assert.match(second.stderr, new RegExp(`another \`nbgrader autograde\` \\(process ${process.pid}, started 2026-12-07T11:00:00Z\\) is grading this course`));
  const classRun = spawnSync(process.execPath, [join(repoRoot, "autograder", "bin", "nbgrader-autograde.mjs"), "ch", "--course", root], { encoding: "utf8" });
  assert.equal(classRun.status, 1, classRun.stdout + classRun.stderr);
  assert.match(classRun.stderr, new RegExp(`another \`nbgrader autograde\` \\(process ${process.pid}, started 2026-12-07T11:00:00Z\\) is writing to ${root}: wait for it to end, then run this again`));
});

// The formgrader's Autograde button runs nbgrader's Autograde inside the instructor's Jupyter server, through NbGraderAPI,
// with the course's config loaded as the formgrader loads it; this script does the same (the server's command line is
// no `nbgrader autograde`). It prints what the API answered, and whether the lock was this process's while grading ran.
const FORMGRADER_AUTOGRADE = `
import json, os, sys
from nbgrader.apps.nbgraderapp import NbGraderApp
from nbgrader.apps.api import NbGraderAPI
from nbgrader.converters.autograde import Autograde
app = NbGraderApp()
app.load_config_file()
converting = Autograde.convert_notebooks
seen = []
def convert_notebooks(self):
    with open(".nbgrader-autograde.lock", encoding="utf-8") as handle:
        seen.append(json.load(handle))
    return converting(self)
Autograde.convert_notebooks = convert_notebooks
result = NbGraderAPI(config=app.config).autograde("ch", "ana")
print(json.dumps({"success": result["success"], "error": result.get("error", ""), "seen": seen, "pid": os.getpid()}))
`;

test("the formgrader's Autograde (nbgrader's Autograde in the instructor's server) is refused while a run grades the course, and holds the course while it grades", () => {
  const root = course({ ana: {} });
  mkdirSync(join(root, "source", "ch"), { recursive: true });
  writeFileSync(join(root, "nbgrader_config.py"), `c = get_config()\nload_subconfig(${JSON.stringify(join(repoRoot, "autograder", "nbgrader_config.py"))})\n`);
  const lock = join(root, ".nbgrader-autograde.lock");
  const button = () => {
    const run = spawnSync(venvBin("python"), ["-c", FORMGRADER_AUTOGRADE], { cwd: root, encoding: "utf8" });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return JSON.parse(run.stdout.trim().split("\n").at(-1));
  };
  // this test's own process stands for the class run under way
  writeFileSync(lock, JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: "2026-12-07T10:00:00.000Z", command: "nbgrader" }));
  const refused = button();
  assert.equal(refused.success, false);
  assert.match(refused.error, new RegExp(`\`npm run nbgrader:autograde\` \\(process ${process.pid}, started 2026-12-07T10:00:00.000Z\\) is grading this course \\(${root}\\): this Autograde beside it would grade .*wait for it to end, then run this again`));
  assert.deepEqual(refused.seen, [], "nbgrader graded no one");
  assert.equal(JSON.parse(readFileSync(lock, "utf8")).pid, process.pid, "the run's lock is left as it was");
  // on a free course it holds the lock while it grades, named as the formgrader's, and leaves none behind
  rmSync(lock);
  const free = button();
  assert.equal(free.seen.length, 1, free.error);
  assert.equal(free.seen[0].pid, free.pid);
  assert.equal(free.seen[0].command, "formgrader");
  assert.equal(existsSync(lock), false, "the formgrader's Autograde released the course");
  // and a class run started while the button grades is refused, naming it
  writeFileSync(lock, JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: "2026-12-07T11:00:00Z", command: "formgrader" }));
  const classRun = spawnSync(process.execPath, [join(repoRoot, "autograder", "bin", "nbgrader-autograde.mjs"), "ch", "--course", root], { encoding: "utf8" });
  assert.equal(classRun.status, 1, classRun.stdout + classRun.stderr);
  assert.match(classRun.stderr, new RegExp(`another Autograde of the formgrader \\(process ${process.pid}, started 2026-12-07T11:00:00Z\\) is writing to ${root}: wait for it to end, then run this again`));
});

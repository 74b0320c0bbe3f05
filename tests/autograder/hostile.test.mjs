// Hostile submissions: a notebook that signals, floods, fills the disk, asks for
// more time in its metadata, or hides in an odd folder name. Whatever they do,
// each is that student's status, the others are graded, and the class run
// exits 0. Two class runs, in parallel, with TMPDIR away from /tmp (one of them
// reached through a symbolic link, both with spaces):
// - "own-user": the grader is root (as in CI), so each kernel runs as a user of
//   its own in a size-limited tmpfs; the attacks fail at the operating system;
// - "same-user" (NEURAL_MI_SAME_USER=1): the operating system would let the kernel
//   signal its runner; the course's kernel refuses to signal any process but itself
//   (lib/kernel/harden.cjs), so the runner is neither killed nor frozen.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { resultFolderName } from "../../autograder/src/grade/class-folder.mjs";
import * as cells from "./hostile-cells.mjs";
import { fixtureCourse, fixtureSubmissions, readJson, repoRoot, temporaryDir } from "./helpers.mjs";

// long enough for the floods under load (the disk flood once took over 8 s on a 2-core machine
// running five test suites; npm test runs this file beside two others), short enough to bound the
// endless cell: its wait holds no core
const CELL_TIMEOUT = 40;
const LIMITS = ["--cell-timeout", String(CELL_TIMEOUT), "--notebook-timeout", "180", "--memory-mb", "1024", "--disk-mb", "20", "--jobs", "2"];
const isRoot = process.getuid?.() === 0;

const perfectArith = () => parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
const codeCell = (source, metadata = {}) => ({ cell_type: "code", execution_count: null, id: `hostile-${Math.random().toString(16).slice(2, 10)}`, metadata, outputs: [], source });

/** The correct arith notebook with cells added after the cell `afterId` (a grade id) and answers replaced. */
function arith({ after = "square", add = [], replace = {} } = {}) {
  const nb = perfectArith();
  for (const cell of nb.cells) {
    const id = cell.metadata.nbgrader?.grade_id;
    if (id && id in replace) cell.source = replace[id];
  }
  const at = nb.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === after);
  nb.cells.splice(at + 1, 0, ...add);
  return nb;
}

function writeStudent(root, name, files) {
  mkdirSync(join(root, name), { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(root, name, file), typeof content === "string" ? content : serializeNotebook(content));
  }
}

// names that clean to the same readable string, differ in case or in Unicode form, or are odd
const NFC = "Jos\u00e9 N\u00fa\u00f1ez";
const NFD = "Jose\u0301 Nu\u0301n\u0303ez";
const LONG = "a-very-long-student-name-".repeat(8);

function ownUserClass(root) {
  writeStudent(root, "intruder", {
    "arith.ipynb": arith({
      add: [codeCell(cells.INTRUDER), codeCell(cells.SIGNAL_PROBE), codeCell(cells.DISK_FLOOD), codeCell(cells.ENDLESS, { neural_mi: { timeout: 999 } })],
    }),
    // plain files named like the sandbox's own folders, or like packages
    ".tmp": "not a folder\n",
    tmp: "not a folder\n",
    work: "not a folder\n",
    node_modules: "not a folder\n",
  });
  writeStudent(root, "floods", {
    "arith.ipynb": arith({
      after: "mean-test",
      replace: { square: cells.HUGE_ERROR_SQUARE },
      add: [cells.STREAM_FLOOD, cells.DISPLAYS, cells.DISPLAY_UPDATES, cells.HUGE_ERROR].map((source) => codeCell(source)),
    }),
  });
  const fat = arith();
  fat.cells[3].metadata.padding = "m".repeat(21 * 2 ** 20);
  writeStudent(root, "fat-metadata", { "arith.ipynb": fat });
  // odd names: one graded (NFC), the others without notebooks, which costs no kernel
  writeStudent(root, NFC, { "arith.ipynb": perfectArith() });
  for (const name of [NFD, "jose_nunez", ".hidden", "Alice", "alice", LONG]) writeStudent(root, name, { "README.txt": "nothing yet\n" });
  symlinkSync(join(root, "alice"), join(root, "linked"));
  symlinkSync(join(root, "nowhere"), join(root, "dangling"));
  writeFileSync(join(root, "notes.txt"), "a file, not a folder\n");
  writeFileSync(join(root, "carol.zip"), "an archive nobody unpacked\n");
  writeFileSync(join(root, "stray.ipynb"), serializeNotebook(perfectArith()));
}

function sameUserClass(root) {
  writeStudent(root, "killer", { "arith.ipynb": arith({ add: [codeCell(cells.KILL_RUNNER)] }) });
  writeStudent(root, "freezer", { "arith.ipynb": arith({ add: [codeCell(cells.STOP_RUNNER)] }) });
  writeStudent(root, "honest", { "arith.ipynb": perfectArith() });
}

/** npm run autograde, with the grader's pid, so that a test can tell whether a kernel could reach it. */
function autograde(submissions, out, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, ...LIMITS], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr, pid: child.pid }));
  });
}

const runs = {};
before(async () => {
  const base = temporaryDir();
  chmodSync(base, 0o711); // kernels of their own users pass through it to the packages
  const spaced = join(base, "temporary files");
  const linked = join(base, "linked tmp");
  mkdirSync(join(base, "real tmp"));
  symlinkSync(join(base, "real tmp"), linked);
  mkdirSync(spaced);
  const classes = { own: ownUserClass, same: sameUserClass };
  const settings = { own: { TMPDIR: spaced }, same: { TMPDIR: linked, NEURAL_MI_SAME_USER: "1" } };
  await Promise.all(
    Object.entries(classes).map(async ([kind, make]) => {
      const submissions = join(base, `${kind} class`);
      make(submissions);
      const out = join(base, `${kind} grading`);
      const run = await autograde(submissions, out, settings[kind]);
      runs[kind] = { ...run, out, report: existsSync(join(out, "report.json")) ? readJson(join(out, "report.json")) : null };
    }),
  );
});

const studentOf = (kind, name) => runs[kind].report.students.find((item) => item.student === name);
const arithOf = (kind, name) => studentOf(kind, name).notebooks.find((item) => item.notebook === "arith.ipynb");
const exerciseOf = (kind, name, id) => arithOf(kind, name).exercises.find((item) => item.id === id);
const executedOf = (kind, name) => parseNotebook(readFileSync(join(runs[kind].out, "students", resultFolderName(name), "arith.ipynb"), "utf8"));
const printed = (nb, prefix) =>
  nb.cells
    .flatMap((cell) => cell.outputs ?? [])
    .filter((output) => output.output_type === "stream" && output.name === "stdout")
    .flatMap((output) => output.text.split("\n"))
    .filter((line) => line.startsWith(prefix));

test("both class runs end with exit code 0 and no grader error, whatever the notebooks did", () => {
  for (const kind of ["own", "same"]) {
    const run = runs[kind];
    assert.equal(run.code, 0, `${kind}:\n${run.stdout}\n${run.stderr.slice(-3000)}`);
    assert.ok(run.report.complete);
    assert.deepEqual(run.report.students.filter((item) => item.status === "grader-error").map((item) => item.student), []);
    // what kernels wrote to their own stdout and stderr never reaches the grader's log
    assert.ok(run.stderr.length < 20_000, `the grader's log has ${run.stderr.length} characters`);
  }
  assert.equal(runs.same.report.sandbox.kind, "same-user");
  assert.match(runs.same.stderr, /sandbox: kernels run as this user.*NEURAL_MI_SAME_USER=1/);
});

test("as root, each kernel is a user of its own: it can signal no other process and cannot read its connection info", () => {
  if (!isRoot) {
    // without root the grader says so; the intruder's kill is refused by the kernel itself (it signals only itself)
    assert.equal(runs.own.report.sandbox.kind, "same-user");
    assert.doesNotMatch(arithOf("own", "intruder").message ?? "", /the notebook stopped the grader/);
    return;
  }
  assert.equal(runs.own.report.sandbox.kind, "own-user");
  assert.match(runs.own.stderr, /sandbox: each kernel runs as a user of its own/);
  const nb = executedOf("own", "intruder");
  const attempts = Object.fromEntries(printed(nb, "ATTEMPT ").map((line) => line.slice(8).split(": ")));
  assert.match(attempts["kill the runner"], /^refused \(EPERM\)/);
  assert.match(attempts["stop the runner"], /^refused \(EPERM\)/);
  assert.match(attempts["list /proc"], /^refused \(ERR_ACCESS_DENIED\)/);
  assert.match(attempts["read the connection pipe"], /^(allowed, 0 characters|refused)/, "the pipe was drained by the kernel's start");
  assert.match(attempts["spawn a process"], /^refused \(ERR_ACCESS_DENIED\)/);
  // refused by the hardened kernel itself now, before node's permission model would
  assert.match(attempts["start a worker"], /^refused \(worker_threads.Worker is not available in the course's kernel/);
  const probe = printed(nb, "SIGNALLABLE ");
  assert.equal(probe.length, 1, JSON.stringify(nb.cells.find((cell) => cell.source === cells.SIGNAL_PROBE).outputs));
  const { self, parent, pids } = JSON.parse(probe[0].slice(12));
  assert.ok(pids.includes(self));
  for (const pid of [parent, runs.own.pid, process.pid, 1]) assert.ok(!pids.includes(pid), `the kernel could signal ${pid}`);
  assert.ok(pids.every((pid) => pid >= self), `only the kernel's own threads: ${pids}`);
  const env = JSON.parse(printed(nb, "ENV ")[0].slice(4));
  // jupyter_client adds JPY_PARENT_PID, the runner's pid, which process.ppid tells anyway
  const allowed = ["HOME", "TMPDIR", "PATH", "LANG", "NBGRADER_EXECUTION", "NEURAL_MI_BACKEND", "TZ", "JPY_PARENT_PID", "UV_THREADPOOL_SIZE"];
  assert.deepEqual(env.filter((name) => !allowed.includes(name)), []);
  assert.doesNotMatch(printed(nb, "ARGV ")[0], /\.json/, "no connection file on the command line");
});

test("as root, the disk limit holds exactly: a tmpfs of --disk-mb and a file count", () => {
  if (!isRoot) return; // the intruder's notebook stopped before (above); the disk is polled on this path
  const nb = executedOf("own", "intruder");
  const lines = printed(nb, "DISK ");
  assert.equal(lines.length, 1, JSON.stringify(nb.cells.find((cell) => cell.source === cells.DISK_FLOOD).outputs));
  const disk = JSON.parse(lines[0].slice(5));
  assert.equal(disk.bigError, "ENOSPC");
  assert.ok(disk.bytes <= 20 * 2 ** 20, `${disk.bytes} bytes written past a 20 MB limit`);
  assert.ok(disk.bytes >= 15 * 2 ** 20, `only ${disk.bytes} bytes: the limit should be the folder's 20 MB`);
  assert.equal(disk.smallError, "ENOSPC");
  assert.ok(disk.files < 20_000);
});

test("a cell's own metadata cannot raise its time limit; the signals and floods leave the grades right", () => {
  if (!isRoot) return; // the intruder's notebook stopped before this cell (above)
  const endless = executedOf("own", "intruder").cells.find((cell) => cell.source === cells.ENDLESS);
  assert.match(JSON.stringify(endless.outputs).slice(0, 2000), new RegExp(`the cell ran longer than ${CELL_TIMEOUT} s and was interrupted`));
  const intruder = studentOf("own", "intruder");
  assert.equal(intruder.score, 5, JSON.stringify(arithOf("own", "intruder").exercises));
  assert.equal(intruder.status, "graded-with-problems");
  assert.match(intruder.message, /interrupted/);
});

test("floods: the executed notebook stays within the caps, a huge error is cut but still fails its test", () => {
  const file = join(runs.own.out, "students", "floods", "arith.ipynb");
  const size = statSync(file).size;
  assert.ok(size < 21 * 2 ** 20, `the executed notebook has ${size} bytes (caps: 5 MB a cell, 20 MB a notebook)`);
  const square = exerciseOf("own", "floods", "square-test");
  assert.equal(square.status, "failed", square.error.slice(0, 300));
  assert.match(square.error, /^Error: y{100}/);
  assert.ok(square.error.length < 5000, `the error kept ${square.error.length} characters`);
  assert.equal(exerciseOf("own", "floods", "mean-test").status, "passed");
  assert.equal(studentOf("own", "floods").score, 3);
  const nb = executedOf("own", "floods");
  for (const cell of nb.cells) assert.ok(JSON.stringify(cell.outputs ?? []).length < 5.1 * 2 ** 20, "each cell within its cap");
  const notes = printed(nb, "[autograder] ");
  assert.ok(notes.some((line) => /the cell wrote \d+ bytes to the kernel process's own stdout or stderr, outside the notebook; they begin: 'ooo/.test(line)), notes.join("\n").slice(0, 2000));
  assert.ok(notes.some((line) => /output truncated/.test(line)), notes.join("\n").slice(0, 2000));
  const huge = nb.cells.find((cell) => cell.source === cells.HUGE_ERROR).outputs.find((output) => output.output_type === "error");
  assert.ok(huge.evalue.length < 5000 && huge.evalue.startsWith("zzz"));
});

test("a notebook too big without its outputs is rejected, with the reason", () => {
  const fat = arithOf("own", "fat-metadata");
  assert.equal(fat.status, "unreadable");
  assert.match(fat.message, /^rejected: without its outputs the notebook has 21\.\d MB of code, text and metadata, over the 20 MB/);
});

test("every entry of the class folder is in the report, each with a result folder of its own", () => {
  const report = runs.own.report;
  const names = report.students.map((item) => item.student);
  for (const name of [NFC, NFD, "jose_nunez", ".hidden", "Alice", "alice", LONG, "linked", "dangling", "carol.zip", "stray.ipynb", "intruder"]) {
    assert.ok(names.includes(name), `${JSON.stringify(name)} is in the report`);
  }
  const graded = report.students.filter((item) => item.status !== "skipped");
  const folders = graded.map((item) => item.folder);
  assert.equal(new Set(folders).size, folders.length, "no two students share a result folder");
  assert.equal(new Set(folders.map((folder) => folder.toLowerCase())).size, folders.length, "not even where case is ignored");
  for (const item of graded) assert.ok(existsSync(join(runs.own.out, "students", item.folder, "result.json")), item.student);
  assert.equal(studentOf("own", NFC).score, 5, "the accented name is graded like any other");
  assert.equal(studentOf("own", NFD).status, "no-notebooks");
  assert.equal(studentOf("own", "jose_nunez").folder, "jose_nunez");
  assert.match(studentOf("own", "Alice").folder, /^alice-[0-9a-f]{20}$/);
  assert.ok(studentOf("own", LONG).folder.length <= 61);
  // a hidden folder, which nbgrader does not see: skipped by both, with the reason
  assert.equal(studentOf("own", ".hidden").status, "skipped");
  assert.match(studentOf("own", ".hidden").message, /^not graded: its name starts with "\.", a hidden folder, which nbgrader does not see as a student's: rename it without the dot$/);
  assert.match(studentOf("own", "linked").notes[0].message, /symbolic link to .*alice; what it points to was graded/);
  assert.match(studentOf("own", "dangling").message, /^not graded: a symbolic link to .*nowhere, which does not exist/);
  assert.match(studentOf("own", "carol.zip").message, /^not graded: a compressed file, not a student's folder: unpack it/);
  // other files (a README, a script) are named once, not given a row
  assert.equal(studentOf("own", "notes.txt"), undefined);
  assert.deepEqual(report.otherFiles, ["notes.txt"]);
  assert.match(readFileSync(join(runs.own.out, "summary.md"), "utf8"), /files there, not graded: notes.txt/);
  assert.match(studentOf("own", "stray.ipynb").message, /^not graded: a notebook directly in the class folder/);
  assert.equal(studentOf("own", "intruder").notebooks.length, 2, "plain files named .tmp, tmp, work, node_modules change nothing");
  const csv = readFileSync(join(runs.own.out, "gradebook.csv"), "utf8");
  assert.ok(csv.includes(`"${NFC}",graded`) || csv.includes(`${NFC},graded`), csv);
});

test("on the same-user path, a notebook can neither kill nor freeze its runner: the course's kernel signals only itself", () => {
  // (under nbgrader its parent is the nbgrader process grading the whole class)
  for (const [name, source] of [["killer", cells.KILL_RUNNER], ["freezer", cells.STOP_RUNNER]]) {
    assert.equal(arithOf("same", name).status, "graded", name);
    assert.equal(studentOf("same", name).score, 5, `${name}: its answers are right, and its kill was refused`);
    const cell = executedOf("same", name).cells.find((item) => item.source === source);
    assert.match(JSON.stringify(cell.outputs), /kill EPERM/, name);
  }
  assert.ok(studentOf("same", "freezer").seconds < 45, "nothing froze");
  assert.equal(studentOf("same", "honest").score, 5);
  for (const name of ["killer", "freezer", "honest"]) assert.equal(studentOf("same", name).status, "graded-with-problems");
  assert.equal(studentOf("same", "honest").message, "not submitted: strings.ipynb");
});

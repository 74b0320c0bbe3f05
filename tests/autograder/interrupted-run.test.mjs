// Stopping `npm run autograde` midway: what was graded stays graded, the
// reports stay whole (with the rest marked as not graded yet), no kernel is left
// running, and the next run carries on from there.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureCourse, fixtureSubmissions, readJson, repoRoot, runNode, temporaryDir, temporaryFilesUnder } from "./helpers.mjs";

// 15 s a cell, as bad-submissions gives the same fixture cells (under a second each, a few seconds for the first one under
// load); "lingering"'s answer cell waits 10 s within it
const LIMITS = ["--cell-timeout", "15", "--notebook-timeout", "120", "--memory-mb", "1024", "--jobs", "1"];

/** Processes whose command line mentions `text` (the grading run's temporary folder). */
function processesMentioning(text) {
  const found = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(text)) found.push(pid);
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

async function waitFor(condition, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** `npm run autograde` with `args`, its temporary folders in `scratch`; { child, stderr (so far), exited }. */
function startGrading(args, scratch) {
  const child = spawn(process.execPath, ["autograder/bin/autograde.mjs", ...args], {
    cwd: repoRoot,
    env: { ...process.env, TMPDIR: scratch },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const grading = { child, stderr: "", exited: new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal }))) };
  child.stderr.on("data", (chunk) => (grading.stderr += chunk));
  return grading;
}

/** The fixture's perfect submission whose answer cell `square` first waits 10 s (Atomics.wait: the kernel held, no core used). */
function lingering(folder) {
  cpSync(join(fixtureSubmissions, "perfect"), folder, { recursive: true });
  const file = join(folder, "arith.ipynb");
  const notebook = JSON.parse(readFileSync(file, "utf8"));
  const answer = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  answer.source = `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);\n${[answer.source].flat().join("")}`;
  writeFileSync(file, JSON.stringify(notebook));
}

test("a run stopped midway keeps its grades and whole reports, leaves no kernel behind, and the next run continues; so does one killed outright", async () => {
  const submissions = temporaryDir();
  // graded in this order with one job: "empty" is done first, "lingering" is still running when stopped
  for (const name of ["empty", "perfect"]) cpSync(join(fixtureSubmissions, name), join(submissions, name), { recursive: true });
  lingering(join(submissions, "lingering"));
  const out = join(temporaryDir(), "grading");
  const scratch = temporaryDir();
  chmodSync(scratch, 0o711); // as root, kernels of their own users pass through it to the packages
  const grading = startGrading([submissions, "--source", fixtureCourse, "--out", out, ...LIMITS], scratch);

  const firstDone = join(out, "students", "empty", "result.json");
  assert.ok(await waitFor(() => existsSync(firstDone), 180), `the first student was not graded in time:\n${grading.stderr}`);
  // the next student's notebook is running
  assert.ok(await waitFor(() => processesMentioning(join(scratch, "neural-mi-grading-")).length > 0, 60));
  grading.child.kill("SIGTERM");
  const { code } = await grading.exited;
  assert.equal(code, 130, grading.stderr);
  assert.match(grading.stderr, /stopped \(SIGTERM\); results so far are kept/);

  assert.ok(await waitFor(() => processesMentioning(scratch).length === 0, 10), "runners or kernels outlived the stopped grader");
  // the packages' copy stays for the next run (package-mirror.mjs), whole: no copy half made
  const left = readdirSync(scratch);
  assert.deepEqual(left.filter((name) => !/^neural-mi-packages-[0-9a-f]+$/.test(name)), [], "the sandboxes were removed");
  for (const name of left) assert.ok(existsSync(join(scratch, name, ".complete")), `${name} is a complete copy`);
  const report = readJson(join(out, "report.json"));
  assert.equal(report.complete, false);
  assert.deepEqual(
    report.students.map((item) => [item.student, item.status]),
    [["empty", "graded"], ["lingering", "pending"], ["perfect", "pending"]],
  );
  assert.match(readFileSync(join(out, "summary.md"), "utf8"), /In progress: 1 of 3 submissions graded/);
  assert.deepEqual(temporaryFilesUnder(out), []);

  // killed outright this time (SIGKILL: a Slurm task past its time), while "lingering"'s cell waits: no signal handler runs,
  // and its runner and kernel, the student's code in it, ran on to the notebook's end; now they end within a heartbeat
  const killed = startGrading([submissions, "--source", fixtureCourse, "--out", out, ...LIMITS], scratch);
  const kernels = () => processesMentioning(join(scratch, "neural-mi-grading-")).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("start-kernel.cjs"));
  assert.ok(await waitFor(() => kernels().length > 0, 60), killed.stderr);
  await new Promise((resolve) => setTimeout(resolve, 2000)); // in the cell's wait
  killed.child.kill("SIGKILL");
  await killed.exited;
  assert.ok(await waitFor(() => processesMentioning(scratch).length === 0, 5), "runners or kernels outlived the killed grader");

  const again = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, ...LIMITS], { env: { TMPDIR: scratch } });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /the grading run that last wrote here \(process \d+, started .*\) ended without releasing the folder \(killed\); its lock is taken over/);
  assert.match(again.stderr, /removed the work folders of earlier runs that were killed before they could: neural-mi-grading-/);
  assert.match(again.stdout, /2 graded, 1 unchanged/);
  const final = readJson(join(out, "report.json"));
  assert.equal(final.complete, true);
  assert.deepEqual(final.students.map((item) => [item.student, item.score]), [["empty", 0], ["lingering", 6], ["perfect", 6]]);
});

test("a closed terminal (SIGHUP) stops the run as Ctrl-C does: the lock released, the work folder removed, the reports whole", async () => {
  const submissions = temporaryDir();
  // empty submissions start no kernel: enough of them that the run is still going when the terminal closes
  for (let i = 0; i < 600; i++) cpSync(join(fixtureSubmissions, "no-notebooks"), join(submissions, `s${String(i).padStart(3, "0")}`), { recursive: true });
  const out = join(temporaryDir(), "grading");
  const scratch = temporaryDir();
  const grading = startGrading([submissions, "--source", fixtureCourse, "--out", out, "--no-isolation", "--jobs", "1"], scratch);
  assert.ok(await waitFor(() => existsSync(join(out, "students", "s000", "result.json")), 120), `the first student was not graded in time:\n${grading.stderr}`);
  grading.child.kill("SIGHUP");
  const { code, signal } = await grading.exited;
  assert.equal(code, 130, `ended by ${signal ?? code}, not stopped:\n${grading.stderr.slice(-500)}`);
  assert.match(grading.stderr, /stopped \(SIGHUP\); results so far are kept/);
  assert.equal(existsSync(join(out, ".grading.lock")), false, "the lock is released");
  assert.deepEqual(readdirSync(scratch).filter((name) => name.startsWith("neural-mi-grading-")), [], "the work folder is removed");
  const report = readJson(join(out, "report.json"));
  assert.equal(report.students.length, 600, "whole: every entry, graded or not graded yet");
  assert.deepEqual(temporaryFilesUnder(out), []);
});

// `nbgrader autograde` stopped outright mid-student (SIGHUP: the instructor's terminal closed as the
// hub restarted or the culler stopped her server; the OOM killer), where nbgrader's own cleanup does
// not run, left the student's autograded/ folder empty or half made; the next `nbgrader autograde`
// skipped it as done ("Skipping existing assignment"), and the student's grades stayed unset, every
// test "needs manual grading", without a word. Now the next run grades her again, and says why
// (src/nbgrader/cut_short.py); and the killed run's kernel, which ran on with the student's code, ends
// with it (src/nbgrader/confined_kernels.py).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { venvBin, venvBinDir } from "../../scripts/lib/paths.mjs";
import { fixtureCourse, nbgraderOutput, readNbgraderGradebook, releaseAssignment, submitEditedFixture, temporaryDir } from "./helpers.mjs";

test("an autograde killed mid-student is done again by the next run, which says so", async () => {
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  await releaseAssignment(courseDir, "fixture");
  // right, but slow: the kill comes while its first notebook runs
  submitEditedFixture(courseDir, "slow", (source) => `${source}\nawait new Promise((done) => setTimeout(done, 5000));`);
  const first = spawn(venvBin("nbgrader"), ["autograde", "fixture"], { cwd: courseDir, env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  first.stdout.on("data", (chunk) => (output += chunk));
  first.stderr.on("data", (chunk) => (output += chunk));
  const ended = new Promise((resolve) => first.on("close", resolve));
  const started = Date.now();
  while (!/Autograding .*arith\.ipynb/.test(output)) {
    assert.ok(Date.now() - started < 60_000, `the notebook never started running:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  first.kill("SIGHUP");
  await ended;
  // its kernel, in a session of its own, ran on with the student's code; it ends with nbgrader now
  const kernels = () =>
    fs.readdirSync("/proc").filter((pid) => {
      try {
        return /^\d+$/.test(pid) && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(courseDir);
      } catch {
        return false;
      }
    });
  for (let waited = 0; kernels().length > 0 && waited < 3000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  const left = kernels();
  for (const pid of left) process.kill(Number(pid), "SIGKILL");
  assert.deepEqual(left, [], "no kernel of the stopped run is left running");
  const folder = join(courseDir, "autograded", "slow", "fixture");
  assert.ok(fs.existsSync(folder), "the kill left the student's folder, as a closed terminal does");

  const again = await nbgraderOutput(["autograde", "fixture"], courseDir);
  assert.equal(again.code, 0, again.output.slice(-3000));
  assert.doesNotMatch(again.output, /Skipping existing assignment/);
  assert.match(again.output, /autograded\/slow\/fixture was left by an earlier run stopped before it finished this student .*: made again/);
  const auto = Object.fromEntries(Object.entries(readNbgraderGradebook(courseDir, "fixture").slow).map(([cell, grade]) => [cell, grade.auto]));
  assert.deepEqual(auto, { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 1 });
  assert.deepEqual(fs.readdirSync(folder).filter((name) => name.endsWith(".ipynb")).sort(), ["arith.ipynb", "strings.ipynb"]);
  assert.deepEqual(fs.readdirSync(join(courseDir, "autograded", "slow")), ["fixture"], "no mark is left once the student is done, nor the files the killed run had set aside");

  // and a run that finished is not done again
  const third = await nbgraderOutput(["autograde", "fixture"], courseDir);
  assert.match(third.output, /Skipping existing assignment/);
});

test("a student's folder another nbgrader run is making right now is left to it", async () => {
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  await releaseAssignment(courseDir, "fixture");
  submitEditedFixture(courseDir, "busy", (source) => source);
  // the mark of a run that is still going: this process stands for it (its id and start, as /proc gives them)
  const folder = join(courseDir, "autograded", "busy", "fixture");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(join(folder, "arith.ipynb"), "being written");
  const started = fs.readFileSync(`/proc/${process.pid}/stat`, "utf8").split(") ").at(-1).split(" ")[19];
  fs.writeFileSync(join(courseDir, "autograded", "busy", ".fixture.unfinished"), `${process.pid} ${started}\n`);
  const run = await nbgraderOutput(["autograde", "fixture"], courseDir);
  assert.match(run.output, new RegExp(`autograded/busy/fixture is being made right now by another nbgrader run \\(process ${process.pid}\\): left to it`));
  assert.equal(fs.readFileSync(join(folder, "arith.ipynb"), "utf8"), "being written", "the other run's folder is not removed under it");
});

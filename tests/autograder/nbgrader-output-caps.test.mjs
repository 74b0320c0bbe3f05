// Under `nbgrader autograde`, a cell's outputs are capped as they arrive, as `npm run autograde`'s
// runner caps them: nbclient kept every output in the memory of the nbgrader process, which grades
// the class one notebook after another, until it wrote the notebook (nbgrader's LimitOutput, after
// the run, cuts only the lines of streams). A submission showing 150 displays of 1 MB took that
// process to over 800 MB and left a notebook of 150 MB; one showing a few GB in its half hour
// stopped the grading of every student after it. Now the course's Execute
// (src/nbgrader/notebook_time.py) drops what passes 5 MB a cell (20 MB a notebook) with a note, and
// the student is graded for the rest; an error still fails its test, however much came before.
// And a message too deeply nested for Python's JSON reader is dropped with a note, as our runner
// drops it, where it failed the student's whole assignment.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { venvBin, venvBinDir } from "../../scripts/lib/paths.mjs";
import { fixtureCourse, python, readNbgraderGradebook, releaseAssignment, submitEditedFixture, temporaryDir } from "./helpers.mjs";

// the peak resident memory of a command's own process (its kernels, its children, apart)
const PEAK = `
import subprocess, sys, threading, time, psutil
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
out = []
reader = threading.Thread(target=lambda: out.append(child.stdout.read()))
reader.start()
own = psutil.Process(child.pid)
peak = 0
while child.poll() is None:
    try:
        peak = max(peak, own.memory_info().rss)
    except psutil.Error:
        pass
    time.sleep(0.05)
reader.join()
sys.stderr.write(out[0].decode(errors="replace")[-20000:])
print(peak)
sys.exit(child.returncode)
`;

function withPeak(args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, ["-c", PEAK, venvBin("nbgrader"), ...args], {
      cwd,
      env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => (code === 0 ? resolvePromise(Number(stdout.trim())) : reject(new Error(`nbgrader ${args.join(" ")} failed (${code}):\n${stderr}`))));
  });
}

test("nbgrader autograde keeps a cell's outputs within the caps as they arrive, and grades the rest", async () => {
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  await releaseAssignment(courseDir, "fixture");
  // 150 MB of displays, 60 MB of printed lines and 20,000 empty displays in an answer cell, the answer right
  submitEditedFixture(courseDir, "flood", (source) =>
    [
      'for (let i = 0; i < 150; i++) tslab.display.html("x".repeat(1_000_000));',
      'for (let i = 0; i < 60; i++) console.log("y".repeat(1_000_000));',
      'for (let i = 0; i < 20_000; i++) tslab.display.html("");',
      source,
    ].join("\n"),
  );
  // a wrong answer that floods the test cell calling it before the test fails
  submitEditedFixture(courseDir, "flood-wrong", () =>
    ["function square(x: number): number {", '  for (let i = 0; i < 8; i++) tslab.display.html("z".repeat(1_000_000));', "  return x + x;", "}"].join("\n"),
  );
  // a display nested deeper than Python's JSON reader goes: its RecursionError went out of Execute,
  // and the student's whole assignment, every notebook of it, was left ungraded
  submitEditedFixture(courseDir, "deep", (source) => `let deep: any = 1;\nfor (let i = 0; i < 1500; i++) deep = [deep];\ntslab.display.bundle({ "application/json": deep } as any);\n${source}`);
  // one print of 200 MB: a client reads a message whole before it can weigh it, so the kernel
  // sends none larger than 8 MB (lib/kernel/bounded-messages.cjs)
  submitEditedFixture(courseDir, "giant", (source) => `console.log("g".repeat(200_000_000));\n${source}`);
  submitEditedFixture(courseDir, "perfect", (source) => source);

  const peak = await withPeak(["autograde", "fixture", "--force"], courseDir);
  const gradebook = readNbgraderGradebook(courseDir, "fixture");
  const auto = (student) => Object.fromEntries(Object.entries(gradebook[student]).map(([cell, grade]) => [cell, grade.auto]));
  const full = { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 1 };
  assert.deepEqual(auto("perfect"), full);
  assert.deepEqual(auto("flood"), full, "the flooding student is graded for her right answers");
  assert.deepEqual(auto("deep"), full, "a message too deep to read is dropped, and the rest graded");
  assert.deepEqual(auto("giant"), full, "a message too large is cut, and the rest graded");
  assert.deepEqual(auto("flood-wrong"), { ...full, "arith.ipynb:square-test": 0 }, "a failing test fails whatever came before its error");

  const autograded = (student) => join(courseDir, "autograded", student, "fixture", "arith.ipynb");
  const size = statSync(autograded("flood")).size;
  assert.ok(size < 6 * 2 ** 20, `the autograded notebook holds ${(size / 2 ** 20).toFixed(1)} MB of outputs (cap: 5 MB a cell)`);
  const cells = JSON.parse(readFileSync(autograded("flood"), "utf8")).cells;
  const answer = cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  assert.match(JSON.stringify(answer.outputs), /\[autograder\] output truncated: [\d.]+ MB more were dropped/);
  const deepAnswer = JSON.parse(readFileSync(autograded("deep"), "utf8")).cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  assert.match(JSON.stringify(deepAnswer.outputs), /\[autograder\] 1 output message\(s\) nested too deeply to be read were dropped/);
  const wrongTest = JSON.parse(readFileSync(autograded("flood-wrong"), "utf8")).cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square-test");
  assert.ok(wrongTest.outputs.some((output) => output.output_type === "error"), "the failing test keeps its error");
  assert.match(JSON.stringify(wrongTest.outputs), /output truncated/);
  // dropped as they arrive, not once the cell ended: without the caps the process held the 210 MB
  // of outputs several times over (over 800 MB); with them it stays near its own size (and the
  // 200 MB print, read whole, took it to 750 MB)
  assert.ok(peak < 450 * 2 ** 20, `nbgrader's own peak memory was ${(peak / 2 ** 20).toFixed(0)} MB`);
  const giantAnswer = JSON.parse(readFileSync(autograded("giant"), "utf8")).cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
  assert.match(JSON.stringify(giantAnswer.outputs), /\[kernel\] this output was cut/);
});

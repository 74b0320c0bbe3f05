// A cell may subscribe to its own kernel's IOPub, under both graders: zeromq, reached by computed
// names, connects in its native code, where node's permission model does not look, and the kernel's
// Unix sockets are at addresses a cell can name (under our runner `../sockets/k-<n>` beside its
// working folder, jupyter_client numbering the ports 1 to 5; under nbgrader the connection file
// says where). A subscriber needs no key. It then receives every message the kernel publishes,
// the errors of the test cells among them: an answer declared with a parameter of type `3` made the
// hidden call `square(-2)` fail to compile, and the TypeScript diagnostic quoted the hidden line,
// which the student's next cell printed into its own output (and so into her feedback), where the
// graders' hiding of hidden tests, which reads the test cell's outputs only, never looked. The kernel
// now hides them before the error leaves it (lib/kernel/hidden-errors.cjs).
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IOPUB_SUBSCRIBER, RESULT_COPIER } from "../hostile-cells.mjs";
import { RESULT_MIME } from "../../../autograder/src/grade/results.mjs";
import { arithOf, perfectArith, studentFolder } from "./graded.mjs";

// the answer cell: a subscriber on every address the kernel's IOPub may have, keeping the errors
const SUBSCRIBER = `function square(x: 3): number {
  return x * x;
}
const captured: unknown[] = [];
const results: any[] = [];
${IOPUB_SUBSCRIBER(`if (message.type === "error") captured.push(message.content);
        if (message.content.data?.["${RESULT_MIME}"]) results.push(message.content.data["${RESULT_MIME}"]);`)}
${RESULT_COPIER}`;

// A display of mean's, made as mean-test runs it, and replaced by the next cell with the test's own
// result (token and all, as the subscriber received it) claiming another estimate. nbclient rewrites
// an output of any cell that shows the display's id; a result put there was the test cell's last
// attested one (where a test reports checks, chapter 5's, that took the estimate's points).
// And a copy of the test's result claiming another estimate, shown from a microtask that mean queued
// as the test ran it: it runs once the test's code has returned, before the kernel ends the cell, and
// its subscriber had the test's result by then. It was the cell's last attested result: our grader
// took its estimate (0 of 3 here; chapter 5's estimate's 2 points for a loss whose training missed).
const MEAN_WITH_DISPLAY = `let meanDisplay: any;
function mean(values: number[]): number {
  if (meanDisplay === undefined) {
    meanDisplay = tslab.newDisplay();
    meanDisplay.text("mean's own display");
    copyResult((result) => tslab.display.bundle({ "text/plain": "a copy of mine", "${RESULT_MIME}": { ...result, estimate: 0.25 } }));
  }
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}`;
const FORGE_RESULT = `await new Promise((done) => setTimeout(done, 500));
const [received] = results.slice(-1);
console.log("RECEIVED TOKEN " + (typeof received?.attestation === "string" ? received.attestation.length : "none"));
meanDisplay.bundle({ "text/plain": "a result of mine", "${RESULT_MIME}": { ...received, estimate: 0.25 } });`;

const PRINT = `await new Promise((done) => setTimeout(done, 500));
console.log("CAPTURED " + JSON.stringify(captured));`;

const cellsOf = (file) => JSON.parse(readFileSync(file, "utf8")).cells;

/** What the student's own cell printed, and every output of the notebook, as text. */
function seen(cells) {
  const own = cells.find((cell) => cell.id === "print-captured");
  return { printed: JSON.stringify(own.outputs), everything: JSON.stringify(cells.map((cell) => cell.outputs ?? [])) };
}

export const cases = [
  {
    student: "own-iopub-subscriber",
    title: "a cell subscribed to its kernel's IOPub receives the test cells' errors without the hidden code they quoted, under both graders",
    build(classDir) {
      const notebook = perfectArith();
      const answer = (id) => notebook.cells.find((cell) => cell.metadata?.nbgrader?.grade_id === id);
      answer("square").source = SUBSCRIBER;
      answer("mean").source = MEAN_WITH_DISPLAY;
      const after = (id, cell) => notebook.cells.splice(notebook.cells.findIndex((each) => each.metadata?.nbgrader?.grade_id === id) + 1, 0, cell);
      after("square-test", { cell_type: "code", execution_count: null, id: "print-captured", metadata: {}, outputs: [], source: PRINT });
      after("mean-test", { cell_type: "code", execution_count: null, id: "forge-result", metadata: {}, outputs: [], source: FORGE_RESULT });
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check({ out, report, gradebook, courseDir }) {
      const exercises = arithOf(report, this.student).exercises;
      assert.deepEqual(exercises.map((exercise) => [exercise.id, exercise.points]), [["square-test", 0], ["why-square", null], ["mean-test", 3]]);
      assert.equal(gradebook[this.student]["arith.ipynb:square-test"].auto, 0);
      assert.equal(gradebook[this.student]["arith.ipynb:mean-test"].auto, 3);
      const ours = join(out, "students", this.student, "arith.ipynb");
      const nbgraders = join(courseDir, "autograded", this.student, "fixture", "arith.ipynb");
      for (const [grader, file] of [["ours", ours], ["nbgrader", nbgraders]]) {
        const { printed, everything } = seen(cellsOf(file));
        // the subscriber did receive the test's error: the hidden code is not there to print
        assert.match(printed, /CAPTURED \[\{\\"ename\\":\\"TypeScriptError\\"/, `${grader}: ${printed}`);
        assert.match(printed, /3:12 - the hidden tests do not compile/, `${grader}: ${printed}`);
        assert.doesNotMatch(everything, /square\(-2\)|type '-2'/, `${grader}: the hidden line reached the notebook's outputs`);
      }
    },
  },
  {
    student: "own-iopub-subscriber",
    title: "a later cell's display update puts no result into a test cell, and a copy of the test's result made before its end does not count, under both graders: a result counts only as its test published it",
    build() {
      // the notebook is the case above's
    },
    check({ out, courseDir }) {
      const ours = join(out, "students", this.student, "arith.ipynb");
      const nbgraders = join(courseDir, "autograded", this.student, "fixture", "arith.ipynb");
      const seenBy = (file) => {
        const cells = cellsOf(file);
        const forging = JSON.stringify(cells.find((cell) => cell.id === "forge-result").outputs);
        const test = cells.find((cell) => cell.metadata?.nbgrader?.grade_id === "mean-test");
        // each display of the test cell: its text, and the estimate of the result it holds
        const shown = test.outputs.filter((output) => output.output_type === "display_data");
        return { received: /RECEIVED TOKEN \d+/.test(forging), shown: shown.map((output) => [[output.data["text/plain"]].flat().join("").slice(0, 16), output.data[RESULT_MIME]?.estimate]) };
      };
      // the later cell had the test's result, token and all, to copy; the update changed mean's
      // display, but put no result there; the copy shown from mean's microtask came after the test's
      // own, which is the one that counts (mean-test's 3 points, above)
      const expected = { received: true, shown: [["a result of mine", undefined], ["mean: estimate 0", 0.4995], ["a copy of mine", 0.25]] };
      assert.deepEqual({ ours: seenBy(ours), nbgrader: seenBy(nbgraders) }, { ours: expected, nbgrader: expected });
    },
  },
];

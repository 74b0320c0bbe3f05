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
import { arithOf, perfectArith, studentFolder } from "./graded.mjs";

// the answer cell: a subscriber on every address the kernel's IOPub may have, keeping the errors
const SUBSCRIBER = String.raw`function square(x: 3): number {
  return x * x;
}
const captured: unknown[] = [];
{
  const P: any = process;
  const k = (a: string, b: string) => a + b;
  const fs = P[k("getBuiltin", "Module")]("fs");
  const zmq = P[k("main", "Module")][k("requ", "ire")]("zeromq");
  const addresses: string[] = [];
  for (let port = 1; port <= 5; port++) addresses.push("ipc://" + process.cwd() + "/../sockets/k-" + port);
  const at = process.argv.indexOf("--config-path");
  if (at >= 0) {
    const conn = JSON.parse(fs.readFileSync(process.argv[at + 1], "utf8"));
    addresses.push(conn.transport + "://" + conn.ip + (conn.transport === "ipc" ? "-" : ":") + conn.iopub_port);
  }
  for (const address of addresses) {
    const sub = new zmq.Subscriber();
    sub.connect(address);
    sub.subscribe();
    (async () => {
      for await (const raw of sub) {
        const parts = raw.map((b: any) => b.toString());
        const i = parts.indexOf("<IDS|MSG>");
        if (JSON.parse(parts[i + 2]).msg_type === "error") captured.push(JSON.parse(parts[i + 5]));
      }
    })().catch(() => undefined);
  }
}`;

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
      const test = notebook.cells.findIndex((cell) => cell.metadata?.nbgrader?.grade_id === "square-test");
      notebook.cells.splice(test + 1, 0, { cell_type: "code", execution_count: null, id: "print-captured", metadata: {}, outputs: [], source: PRINT });
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
];

// A cell can queue node's background work (asynchronous pbkdf2, scrypt, zlib) on libuv's thread pool,
// four threads by default: a notebook kept four cores busy besides its own loop for as long as its time
// limits allowed, slowing every notebook graded beside it. Both graders give the kernel one thread.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assertGradedInFull, perfectArith, studentFolder } from "./graded.mjs";

const printed = (file) =>
  JSON.parse(readFileSync(file, "utf8"))
    .cells.flatMap((cell) => cell.outputs ?? [])
    .map((output) => [output.text ?? ""].flat().join(""))
    .join("");

export const cases = [
  {
    student: "thread-pool",
    title: "a graded kernel has one thread for node's background work, under both graders",
    build(classDir) {
      const notebook = perfectArith();
      notebook.cells.push({ cell_type: "code", execution_count: null, id: "pool", metadata: {}, outputs: [], source: 'console.log("POOL " + process.env.UV_THREADPOOL_SIZE);' });
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check(graded) {
      assertGradedInFull(graded, this.student);
      assert.match(printed(join(graded.out, "students", this.student, "arith.ipynb")), /POOL 1\b/);
      assert.match(printed(join(graded.courseDir, "autograded", this.student, "fixture", "arith.ipynb")), /POOL 1\b/);
    },
  },
];

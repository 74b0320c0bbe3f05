// A cell can queue node's background work (asynchronous pbkdf2, scrypt, zlib) on libuv's thread pool,
// four threads by default: a notebook kept four cores busy besides its own loop for as long as its time
// limits allowed, slowing every notebook graded beside it. Both graders give the kernel one thread.
// V8's own pool of background threads (four by default: compiling WebAssembly, collecting garbage) is
// reached the same way, by asynchronous `WebAssembly.compile` calls kept in flight: both graders give
// the kernel one thread there too (node's `--v8-pool-size`, which only its command line sets).
// zeromq's I/O threads have no such setting (a cell may make a context of as many as it likes and flood
// sockets of its own): where the machine allows it, both graders put each kernel in a control group of
// its own limited to one core's time, and say so (our report, nbgrader's log); a kernel they could not
// put there would not start, so this notebook graded in full is one that ran under the limit. (nbgrader's
// kernels had no limit: one student's kept the cores of the classmates graded beside her.)
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { probeOneCore } from "../../../autograder/src/execute/one-core.mjs";
import { python } from "../helpers.mjs";
import { assertGradedInFull, perfectArith, studentFolder } from "./graded.mjs";

const printed = (file) =>
  JSON.parse(readFileSync(file, "utf8"))
    .cells.flatMap((cell) => cell.outputs ?? [])
    .map((output) => [output.text ?? ""].flat().join(""))
    .join("");

export const cases = [
  {
    student: "thread-pool",
    title: "a graded kernel has one thread for node's background work and one for V8's, and one core's time where the machine allows it, under both graders",
    build(classDir) {
      const notebook = perfectArith();
      notebook.cells.push({ cell_type: "code", execution_count: null, id: "pool", metadata: {}, outputs: [], source: 'console.log("POOL " + process.env.UV_THREADPOOL_SIZE);' });
      notebook.cells.push({ cell_type: "code", execution_count: null, id: "v8-pool", metadata: {}, outputs: [], source: 'console.log("V8 POOL " + process.execArgv.filter((flag) => flag.startsWith("--v8-pool-size")).join(" "));' });
      writeFileSync(join(studentFolder(classDir, this.student), "arith.ipynb"), JSON.stringify(notebook));
    },
    check(graded) {
      assertGradedInFull(graded, this.student);
      for (const file of [join(graded.out, "students", this.student, "arith.ipynb"), join(graded.courseDir, "autograded", this.student, "fixture", "arith.ipynb")]) {
        assert.match(printed(file), /POOL 1\b/);
        assert.match(printed(file), /V8 POOL --v8-pool-size=1\n/);
      }
      const oneCore = probeOneCore(python);
      assert.equal(graded.report.sandbox.cpu, oneCore.message);
      assert.equal(graded.nbgraderLog.match(/Kernels' CPU: (.*)/)?.[1], oneCore.message, "nbgrader's log says whether its kernels have one core's time");
      // as root on Linux with a writable cpu controller (CI's machines, the course's container)
      if (process.getuid?.() === 0 && existsSync("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")) assert.ok(oneCore.ok, oneCore.message);
    },
  },
];

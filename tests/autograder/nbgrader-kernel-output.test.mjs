// Under `nbgrader autograde`, what a kernel writes to its own stdout and stderr, outside the
// notebook (`process._rawDebug`), is read by nbgrader through a pipe and bounded
// (src/nbgrader/kernel_output.py): the kernel shared nbgrader's stdout and stderr, and a cell wrote
// tens of MB there, escape sequences for the instructor's terminal and lines that read as
// nbgrader's own among them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { createCourseDir, prepareCourseRoot } from "../../autograder/src/nbgrader/course-dir.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";

import { fixtureCourse, nbgraderOutput, python, readNbgraderGradebook, releaseAssignment, repoRoot, submitEditedFixture, temporaryDir } from "./helpers.mjs";

test("a kernel's own stdout and stderr reach nbgrader's output bounded and escaped, and both students are graded; the graded cells reach no network", async () => {
  // a listener of the student's on the machine (her terminal on the course hub), which her code, run
  // as the instructor by autograde, told what the hidden tests called it with
  const reached = [];
  const tcp = createServer((socket) => reached.push("tcp") && socket.destroy());
  const udp = createSocket("udp4").on("message", () => reached.push("udp"));
  await Promise.all([new Promise((done) => tcp.listen(0, "127.0.0.1", done)), new Promise((done) => udp.bind(0, "127.0.0.1", done))]);
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  await releaseAssignment(courseDir, "fixture");
  // 40 MB written straight to the kernel process's stderr, each piece with a terminal's escape
  // sequence (a window title) and a line that reads as nbgrader's
  submitEditedFixture(courseDir, "raw", (source) =>
    [
      'const raw = (process as any)["_raw" + "Debug"];',
      'for (let i = 0; i < 40; i++) raw("\\x1b]0;PWNED\\x07\\n[AutogradeApp | INFO] forged line\\n" + "r".repeat(1_000_000));',
      'const anyModule = (process as any)["main" + "Module"]["req" + "uire"]("module").createRequire(process.cwd() + "/cell.js");',
      `const tries: [string, () => unknown][] = [["tcp", () => anyModule("net").connect(${tcp.address().port}, "127.0.0.1").on("error", () => {})], ` +
        `["udp", () => anyModule("dgram").createSocket("udp4").send("seen", ${udp.address().port}, "127.0.0.1")], ["listen", () => anyModule("net").createServer().listen(0)], ` +
        `["lookup", () => anyModule("dns").lookup("localhost", () => {})], ["zeromq", () => new (anyModule("zeromq").Push)().connect("tcp://127.0.0.1:${tcp.address().port}")]];`,
      'for (const [what, attempt] of tries) { try { attempt(); console.log(`NETWORK ${what}: allowed`); } catch (error) { console.log(`NETWORK ${what}: ${String(error).slice(0, 120)}`); } }',
      source,
    ].join("\n"),
  );
  submitEditedFixture(courseDir, "perfect", (source) => source);

  const { code, output } = await nbgraderOutput(["autograde", "fixture", "--force"], courseDir);
  tcp.close();
  udp.close();
  assert.equal(code, 0, output.slice(-5000));
  const graded = JSON.parse(readFileSync(join(courseDir, "autograded", "raw", "fixture", "arith.ipynb"), "utf8"));
  const said = graded.cells.flatMap((cell) => cell.outputs ?? []).flatMap((out) => [out.text ?? ""].flat().join("").split("\n")).filter((line) => line.startsWith("NETWORK "));
  assert.deepEqual(
    said.map((line) => line.replace(/ is refused in a kernel that grades.*/, " refused")),
    ["NETWORK tcp: Error: connecting refused", "NETWORK udp: Error: a UDP socket's send refused", "NETWORK listen: Error: listening on a port refused", "NETWORK lookup: Error: dns.lookup refused", "NETWORK zeromq: allowed"],
  );
  // zeromq's sockets connect in native code, past the kernel's JavaScript: the kernel's network of its own is what stops them
  assert.deepEqual(reached, [], "the student's listener heard nothing from the graded kernel");
  const gradebook = readNbgraderGradebook(courseDir, "fixture");
  const auto = (student) => Object.fromEntries(Object.entries(gradebook[student]).map(([cell, grade]) => [cell, grade.auto]));
  const full = { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 1 };
  assert.deepEqual(auto("perfect"), full);
  assert.deepEqual(auto("raw"), full);
  assert.ok(output.length < 2 * 2 ** 20, `nbgrader wrote ${(output.length / 2 ** 20).toFixed(1)} MB`);
  assert.ok(!output.includes("\x1b]0;PWNED"), "the kernel's escape sequence reached nbgrader's output as it was");
  assert.ok(!/^\[AutogradeApp \| INFO\] forged line$/m.test(output), "a line of the kernel's reads as nbgrader's own");
  assert.match(output, /the kernel: \\x1b\]0;PWNED\\x07/, "what the kernel wrote is shown, escaped");
  assert.match(output, /the kernel wrote \d+ bytes more to its own stdout and stderr, dropped/);
});

// nbgrader's kernel manager and the instructor's server's (a notebook opened from students' work)
const STARTED = `
import asyncio, sys
sys.path.insert(0, sys.argv[1])
from confined_kernels import ConfinedKernelManager
from server_kernel_sockets import InstructorServerKernelManager
async def main():
    for manager_class in (ConfinedKernelManager, InstructorServerKernelManager):
        km = manager_class(kernel_name="tslab")
        await km.start_kernel(cwd=sys.argv[2])
        print(manager_class.__name__, km._kernel_output.write_end)
        await km.shutdown_kernel(now=True)
asyncio.run(main())
`;

test("the grader's end of a confined kernel's output pipe is closed once the kernel started, so that the drain ends with it", () => {
  const course = prepareCourseRoot(join(temporaryDir(), "course"));
  const folder = join(course, "submitted", "ana", "a");
  mkdirSync(folder, { recursive: true });
  const run = spawnSync(python, ["-c", STARTED, join(repoRoot, "autograder", "src", "nbgrader"), folder], { env: jupyterEnv(), encoding: "utf8", timeout: 240_000 });
  assert.equal(run.status, 0, run.stderr.slice(-3000));
  assert.deepEqual(run.stdout.trim().split("\n"), ["ConfinedKernelManager None", "InstructorServerKernelManager None"]);
});

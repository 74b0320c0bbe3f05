// `npm run autograde` with a kernel that nests folders 2040 deep in its sandbox (one `mkdirSync` of
// a cell): node's recursive `rmSync` overflowed its stack removing the sandbox, and the runner's
// watch on the disk (os.walk) raised RecursionError, each a grader's error for that student, and the
// run ended failing; a stale work folder holding such a tree failed every later run at its start.
// Now the sandbox goes without recursion (src/util/remove-tree.mjs) and the watch stops a kernel
// that makes a part of its folder it cannot count in. Kernels running as the grader's own user
// (NEURAL_MI_SAME_USER=1, the path of a grader that is not root) are where the watch counts the disk.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { fixtureCourse, fixtureSubmissions, readJson, runNode, temporaryDir } from "./helpers.mjs";

/**
 * The fixture class of "perfect" and one student per case, whose square answer begins with the case's
 * lines; graded in one run with kernels as the grader's own user.
 */
async function gradeSameUser(cases) {
  const classDir = join(temporaryDir(), "class");
  for (const student of [...Object.keys(cases), "perfect"]) cpSync(join(fixtureSubmissions, "perfect"), join(classDir, student), { recursive: true });
  for (const [name, lines] of Object.entries(cases)) {
    const path = join(classDir, name, "arith.ipynb");
    const notebook = JSON.parse(readFileSync(path, "utf8"));
    const answer = notebook.cells.find((cell) => cell.metadata.nbgrader?.grade_id === "square");
    answer.source = [...lines, Array.isArray(answer.source) ? answer.source.join("") : answer.source].join("\n");
    writeFileSync(path, JSON.stringify(notebook));
  }
  const out = join(temporaryDir(), "grading");
  mkdirSync(out, { recursive: true });
  const run = await runNode(["autograder/bin/autograde.mjs", classDir, "--source", fixtureCourse, "--out", out, "--jobs", "1", "--cell-timeout", "60", "--notebook-timeout", "180"], {
    env: { NEURAL_MI_SAME_USER: "1" },
  });
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`.slice(-3000));
  const report = readJson(join(out, "report.json"));
  return Object.fromEntries(report.students.map((student) => [student.student, student]));
}

// both cases in one class, graded once
let byName;
before(async () => {
  byName = await gradeSameUser({
    deep: [
      'const files = (process as any)["getBuilt" + "inModule"]("fs");',
      'files.mkdirSync("a/".repeat(2040), { recursive: true });',
      'files.writeFileSync("a/".repeat(2040) + "f", "x");',
      // long enough for the watch on the disk (every 2 s) to look
      "{ const t = Date.now(); while (Date.now() - t < 6000) {} }",
    ],
    files: [
      'const files = (process as any)["getBuilt" + "inModule"]("fs");',
      'for (let i = 0; i < 30; i++) { files.mkdirSync("d" + i); for (let j = 0; j < 1000; j++) files.writeFileSync("d" + i + "/" + j, ""); }',
      "{ const t = Date.now(); while (Date.now() - t < 6000) {} }",
    ],
  });
});

test("a kernel's folder nested 2040 deep is stopped and removed, the student graded, the run ending well", () => {
  assert.equal(byName.perfect.score, 6);
  assert.notEqual(byName.deep.status, "grader-error", byName.deep.message);
  assert.match(byName.deep.message, /made a part of its folder whose files cannot be counted/);
  // its other notebook ran in a sandbox of its own
  assert.equal(byName.deep.notebooks.find((n) => n.notebook === "strings.ipynb").score, 1);
});

test("a kernel making files without end, however empty, is stopped where the disk is polled", () => {
  assert.equal(byName.perfect.score, 6);
  assert.match(byName.files.message, /made \d+ files and folders, over the limit of 20000/);
});

// Recording the compile table (autograder/src/execute/compile-table.mjs) hands the recorder the
// course's cells as graded, hidden tests in clear, in a file. The grader records in its work
// folder (in the temporary folder, its name listed there, `jobs/.compile-table/cells.json` below
// it) and the set-up in `.cache/kernel-snapshot/recording-<pid>/`, both folders other accounts
// pass through: a student's process reading that path while the first grading of a chapter
// recorded had every hidden test of the course. The recording's folder is its maker's alone.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { recordCompileTable } from "../../autograder/src/execute/compile-table.mjs";

const base = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-recording-"));
after(() => fs.rmSync(base, { recursive: true, force: true }));

// an account with no business in the grader's files
const OTHER = 65534;
const root = process.getuid?.() === 0;

/**
 * A recorder standing in for lib/kernel/record-compile-table.cjs: while it runs, it asks whether
 * another account can read the cells it was given, and writes the answer as its table.
 */
const RECORDER = `
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const [, , , input, output] = process.argv;
let readable;
if (${root}) {
  const read = spawnSync("cat", [input], { uid: ${OTHER}, gid: ${OTHER}, encoding: "utf8" });
  readable = read.status === 0 && read.stdout.includes("hidden-check-5519");
} else {
  // every folder from the file up lets others through, and the file lets them read it
  readable = (fs.statSync(input).mode & 0o004) !== 0;
  for (let dir = path.dirname(input); dir !== path.dirname(dir); dir = path.dirname(dir)) readable &&= (fs.statSync(dir).mode & 0o001) !== 0;
}
fs.writeFileSync(output, JSON.stringify({ readableByOthers: readable }));
`;

test("the cells a compile table is recorded from, hidden tests in, are not readable by other accounts while it records", () => {
  // the packages as the recorder finds them
  const modules = path.join(base, "node_modules");
  fs.mkdirSync(path.join(modules, "neural-mi", "kernel"), { recursive: true });
  fs.writeFileSync(path.join(modules, "neural-mi", "kernel", "record-compile-table.cjs"), RECORDER);
  // a grading run's work folder: others pass through it to the kernels' files, and list nothing
  fs.chmodSync(base, 0o755);
  const workDir = path.join(base, "neural-mi-grading-run");
  fs.mkdirSync(path.join(workDir, "jobs"), { recursive: true });
  fs.chmodSync(workDir, 0o711);
  fs.chmodSync(path.join(workDir, "jobs"), 0o711);
  const place = path.join(workDir, "jobs", ".compile-table");
  const target = path.join(base, "table.json");
  const cells = { notebooks: [[{ kind: "test", source: "// BEGIN HIDDEN TESTS\nif (x > 0.035) throw new Error('hidden-check-5519');\n// END HIDDEN TESTS", visible: "" }]] };

  const failure = recordCompileTable({ modules, nodeOptions: [], cells, place, target });
  assert.equal(failure, null);
  assert.deepEqual(JSON.parse(fs.readFileSync(target, "utf8")), { readableByOthers: false }, "another account read the cells as graded while the table was recorded");
  assert.equal(fs.existsSync(place), false, "the recording's folder is removed afterwards");
});

// One grader process reads every submission and watches every runner, on one thread. A notebook
// that takes long to read (1.75 million empty cells in 99 MB: about 14 s to parse and measure on
// this machine, before it is refused as over the size cap) held that thread while another
// student's notebook ran; the next look found that runner "silent" for as long, its "alive" lines
// still in the pipe, and killed it as frozen: 0 points for an honest notebook. The time the grader
// did not look no longer counts against a runner (src/execute/runner-watch.mjs, and
// runner-watch.test.mjs for the rule on a clock of its own).
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { fixtureCourse, fixtureSubmissions, readJson, runNode, temporaryDir } from "./helpers.mjs";

const perfect = (name) => parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", name), "utf8"));
const MAX_NOTEBOOK_BYTES = 100 * 2 ** 20;

/** The perfect strings.ipynb followed by as many empty raw cells as fit in the notebook size cap, as compact JSON. */
function slowToRead() {
  const notebook = perfect("strings.ipynb");
  const text = JSON.stringify(notebook);
  const cell = (index) => `{"cell_type":"raw","id":"${index}","metadata":{},"source":""},`;
  const cells = [];
  let bytes = text.length;
  for (let index = 0; bytes + 64 < MAX_NOTEBOOK_BYTES - 2 ** 20; index++) {
    const next = cell(index);
    cells.push(next);
    bytes += next.length;
  }
  return text.replace('"cells":[', `"cells":[${cells.join("")}`);
}

let run;
let report;
before(async () => {
  const base = temporaryDir();
  const submissions = join(base, "class");
  // the honest notebook waits 30 s in a cell of its own, so that its runner is running (and saying
  // "alive" every second) while the other student's second notebook is read
  const honest = perfect("arith.ipynb");
  honest.cells.splice(2, 0, { cell_type: "code", execution_count: null, id: "slow-honest", metadata: {}, outputs: [], source: "await new Promise((resolve) => setTimeout(resolve, 30_000));" });
  mkdirSync(join(submissions, "a-honest"), { recursive: true });
  writeFileSync(join(submissions, "a-honest", "arith.ipynb"), serializeNotebook(honest));
  mkdirSync(join(submissions, "b-hostile"), { recursive: true });
  writeFileSync(join(submissions, "b-hostile", "arith.ipynb"), serializeNotebook(perfect("arith.ipynb")));
  writeFileSync(join(submissions, "b-hostile", "strings.ipynb"), slowToRead());
  const out = join(base, "grading");
  run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--jobs", "2", "--cell-timeout", "60"]);
  report = readJson(join(out, "report.json"));
});

test("a submission that holds the grader's thread does not get another student's runner killed", () => {
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr.slice(-3000)}`);
  const student = (name) => report.students.find((item) => item.student === name);
  const notebook = (name, file) => student(name).notebooks.find((item) => item.notebook === file);
  const honest = notebook("a-honest", "arith.ipynb");
  assert.equal(honest.status, "graded", honest.message);
  assert.ok(honest.score > 0);
  assert.equal(honest.score, notebook("b-hostile", "arith.ipynb").score, "the same notebook scores alike in both folders");
  // the slow notebook itself is refused for its cells (as nbgrader refuses it), having run nothing
  assert.equal(notebook("b-hostile", "strings.ipynb").status, "unreadable");
  assert.match(notebook("b-hostile", "strings.ipynb").message, /^rejected: it has \d+ cells \(at most 5000\)$/);
});

// One grader process watches every runner, on one thread, and reads every submission on it. A
// notebook that took long to read (1.75 million empty cells in 99 MB: about 14 s to parse and
// measure, before it was refused for its cells) held that thread while another student's notebook
// ran; the next look found that runner "silent" for as long, its "alive" lines still in the pipe,
// and killed it as frozen: 0 points for an honest notebook. Submissions are now refused before they
// are read when they hold more entries than any saved notebook (src/notebook/format.mjs,
// MAX_SUBMITTED_ENTRIES, hostile-files.test.mjs), which bounds that reading to a few seconds; the
// grader's thread can still stand still longer for other reasons: a Slurm job suspended
// (`scontrol suspend` stops its processes) or a laptop put to sleep, a machine swapping. The time
// the grader did not look does not count against a runner (src/execute/runner-watch.mjs, and
// runner-watch.test.mjs for the rule on a clock of its own): here the grader is stopped for
// longer than a runner may stay silent while an honest notebook runs.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { fixtureCourse, fixtureSubmissions, readJson, runNode, temporaryDir } from "./helpers.mjs";

const perfect = (name) => parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", name), "utf8"));
// longer than a runner may stay silent (src/execute/execute-notebook.mjs, SILENCE_LIMIT_MS: 10 s)
const STOPPED_MS = 13_000;

let run;
let report;
before(async () => {
  const base = temporaryDir();
  const submissions = join(base, "class");
  // the honest notebook waits 30 s in a cell of its own, so that its runner is running (and saying
  // "alive" every second) while the grader stands still
  const honest = perfect("arith.ipynb");
  honest.cells.splice(2, 0, { cell_type: "code", execution_count: null, id: "slow-honest", metadata: {}, outputs: [], source: "await new Promise((resolve) => setTimeout(resolve, 30_000));" });
  mkdirSync(join(submissions, "a-honest"), { recursive: true });
  writeFileSync(join(submissions, "a-honest", "arith.ipynb"), serializeNotebook(honest));
  mkdirSync(join(submissions, "b-other"), { recursive: true });
  writeFileSync(join(submissions, "b-other", "arith.ipynb"), serializeNotebook(perfect("arith.ipynb")));
  const out = join(base, "grading");
  const timers = [];
  run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--jobs", "2", "--cell-timeout", "60"], {
    onSpawn: (child) => {
      // once the runners are under way (a kernel starts in a few seconds; the slow cell lasts 30), the
      // grader alone is stopped, its runners and kernels going on, then let go
      timers.push(
        setTimeout(() => {
          child.kill("SIGSTOP");
          timers.push(setTimeout(() => child.kill("SIGCONT"), STOPPED_MS));
        }, 8000),
      );
    },
  });
  for (const timer of timers) clearTimeout(timer);
  report = readJson(join(out, "report.json"));
});

test("a grader that stood still does not kill a runner whose lines waited for it", () => {
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr.slice(-3000)}`);
  const notebook = (name, file) => report.students.find((item) => item.student === name).notebooks.find((item) => item.notebook === file);
  const honest = notebook("a-honest", "arith.ipynb");
  assert.equal(honest.status, "graded", honest.message);
  assert.ok(honest.score > 0);
  assert.equal(honest.score, notebook("b-other", "arith.ipynb").score, "the same notebook scores alike in both folders");
});

// Under `nbgrader autograde` too, a function of the student's that a test calls cannot read the
// test's code (hidden tests included) through `caller` and print it into the feedback, and a
// test cell the submission tagged `skip-execution` still runs: the steps that
// autograder/nbgrader_config.py puts around nbgrader's Execute run the test cells in strict
// mode and without their tags, then give them their course source and tags back. Runs those configured steps, with
// nbgrader's own Execute, on the course's kernel.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { makeNotebook } from "../../scripts/lib/notebook.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { python, repoRoot } from "./helpers.mjs";

const RUN = `
import json, sys
sys.modules.setdefault("rfc3987_syntax", None)
import nbformat
from traitlets.config import Config, PyFileConfigLoader
repo, notebook = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=repo + "/autograder").load_config()
steps = config.Autograde.autograde_preprocessors
execute = [step.__name__ for step in steps].index("Execute")
nb = nbformat.reads(json.dumps(notebook), as_version=4)
resources = {"metadata": {"path": repo}}
for step in steps[execute - 1 : execute + 2]:
    options = {"timeout": 120} if step.__name__ == "Execute" else {}
    nb, resources = step(**options).preprocess(nb, resources)
print(json.dumps({"steps": [step.__name__ for step in steps[execute - 1 : execute + 2]], "notebook": nb}))
`;

const SKIPPED_TEST = 'if (peek() === "hidden") throw new Error("the answer is wrong");';
const TEST_SOURCE = ['{', '  console.log("CALLER " + peek());', "  // BEGIN HIDDEN TESTS", '  if (peek() === "") throw new Error("hidden check");', "  // END HIDDEN TESTS", "}"].join("\n");

test("nbgrader runs the test cells in strict mode, whatever their tags: a student's function reads no caller; the test's source is the course's afterwards", () => {
  const notebook = makeNotebook([
    'function peek(): string {\n  const caller: unknown = (peek as any)["call" + "er"];\n  return caller === null ? "hidden" : String(caller);\n}',
    TEST_SOURCE,
    SKIPPED_TEST,
  ]);
  notebook.cells[1].metadata.nbgrader = { grade: true, grade_id: "t", locked: true, points: 1, schema_version: 3, solution: false };
  // nbclient skips a cell tagged skip-execution: without an error output, nbgrader would count this failing test as passed
  notebook.cells[2].metadata.nbgrader = { grade: true, grade_id: "u", locked: true, points: 1, schema_version: 3, solution: false };
  notebook.cells[2].metadata.tags = ["skip-execution"];
  const run = spawnSync(python, ["-c", RUN], { input: JSON.stringify([repoRoot, notebook]), env: jupyterEnv(), encoding: "utf8", maxBuffer: 16 * 2 ** 20 });
  assert.equal(run.status, 0, run.stderr);
  const { steps, notebook: executed } = JSON.parse(run.stdout);
  assert.deepEqual(steps, ["StrictTests", "Execute", "LooseTests"]);
  const printed = executed.cells[1].outputs.filter((output) => output.name === "stdout").map((output) => output.text).join("");
  assert.equal(printed, "CALLER hidden\n");
  assert.equal(executed.cells[1].source, TEST_SOURCE);
  assert.match(executed.cells[0].source, /^function peek/, "the student's cells are left as they are");
  assert.deepEqual(
    executed.cells[2].outputs.filter((output) => output.output_type === "error").map((output) => output.evalue),
    ["the answer is wrong"],
    "the tagged test ran, and failed",
  );
  assert.deepEqual(executed.cells[2].metadata.tags, ["skip-execution"], "its tags are given back afterwards");
});

test("without the strict step the same test would show its hidden code (what the step is for)", () => {
  const notebook = makeNotebook(['function peek(): string {\n  return String((peek as any)["call" + "er"]);\n}', TEST_SOURCE]);
  const run = spawnSync(python, [join(repoRoot, "tests", "kernel", "nbgrader_execute.py"), repoRoot], {
    input: JSON.stringify(notebook),
    env: jupyterEnv(),
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  assert.equal(run.status, 0, run.stderr);
  const printed = JSON.parse(run.stdout).cells[1].outputs.map((output) => output.text ?? "").join("");
  assert.match(printed, /hidden check/);
});

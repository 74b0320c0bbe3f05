// nbgrader's feedback without the hidden tests' code: the HideHiddenTests step that
// autograder/nbgrader_config.py adds to GenerateFeedback, run by nbconvert's HTML exporter on
// a test cell as nbgrader's autograde leaves it (hidden tests back in, an error whose traceback
// quotes a hidden line). The whole cycle on a hub checks it again: tests/hub/semester.test.mjs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { join } from "node:path";
import { HIDDEN_DIAGNOSTIC, hideHiddenTests } from "../../autograder/src/grade/hide-hidden-tests.mjs";
import { pythonJson, repoRoot } from "./helpers.mjs";

const autograderDir = join(repoRoot, "autograder");

const RENDER = `
import json, os, sys
import nbformat
from nbconvert import HTMLExporter
autograder, cases = json.load(sys.stdin)
sys.path.insert(0, autograder)
from nbgrader_feedback import HideHiddenTests, HideMarkSchemes
results = []
for source, traceback, ename, evalue in cases:
    if traceback is None:
        # a task cell, as autograde puts it back: the instructor's text, mark scheme included
        cell = nbformat.v4.new_markdown_cell(source)
        cell.metadata["nbgrader"] = {"grade": False, "grade_id": "task", "locked": True, "points": 2, "solution": False, "task": True, "schema_version": 3}
    else:
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["nbgrader"] = {"grade": True, "grade_id": "t", "locked": True, "points": 1, "solution": False, "schema_version": 3}
        cell.outputs = [nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=traceback)]
    nb, _ = HideMarkSchemes().preprocess(*HideHiddenTests().preprocess(nbformat.v4.new_notebook(cells=[cell]), {}))
    html, _ = HTMLExporter().from_notebook_node(nb)
    error = nb.cells[0].outputs[0] if nb.cells[0].get("outputs") else {"traceback": None, "evalue": None}
    results.append({"html": html, "source": nb.cells[0].source, "traceback": error["traceback"], "evalue": error["evalue"]})
print(json.dumps(results))
`;

// Both cases in one Python process: importing nbgrader and nbconvert is most of the time.
let rendered;
const render = (index) => {
  rendered ??= pythonJson(RENDER, [
    autograderDir,
    cases.map(({ source, traceback, ename = "Error", evalue = "the variance is 1.5; it must be 1" }) => [source, traceback, ename, evalue]),
  ]);
  return rendered[index];
};

const hiddenLine = "if (Math.abs(variance - 1) > 0.05) throw new Error(`the variance is ${variance}; it must be 1`);";
const hiddenTraceback = ["\u001b[31mError: the variance is 1.5; it must be 1\u001b[0m", `    ${hiddenLine}`, "    at <anonymous>:4:40"];
const plainCell = "{\n  const few = referenceSamples(7, new Rng(1));\n}";
const testCell = ["{", "  const few = referenceSamples(7, new Rng(1));", "  // BEGIN HIDDEN TESTS", `  ${hiddenLine}`, "  // END HIDDEN TESTS", "}"].join("\n");

// An answer declared `samples(n: 7, seed: number)`: tslab's diagnostic of the hidden call names its argument.
const typedCell = ["const few = samples(7, 4);", "// BEGIN HIDDEN TESTS", "const many = samples(20000, randomInt(0, 2 ** 32));", "// END HIDDEN TESTS"].join("\n");
const leaked = "3:22 - Argument of type '20000' is not assignable to parameter of type '7'.";
const typedTraceback = [
  "\u001b[0;31mTypeScriptError\u001b[0m: the cell does not compile",
  `\u001b[1m${leaked.replace(" - ", "\u001b[0m - ")}`,
  "  Type '20000' is not comparable to type '7'.",
  "  3 | const many = samples(20000, randomInt(0, 2 ** 32));",
  "    |                      \u001b[0;31m~~~~~\u001b[0m",
];

const taskCell = ["Explain why the bound is never above the divergence.", "", "=== BEGIN MARK SCHEME ===", "Full marks for Jensen's inequality applied to the log of the average ratio.", "=== END MARK SCHEME ===", "Write below."].join("\n");

// hand-edited markers: an END before any region, a BEGIN inside a region, a region left open
const malformedCell = ["// END HIDDEN TESTS", "const a = 1;", "  // BEGIN HIDDEN TESTS", "secret(1);", "// BEGIN HIDDEN TESTS", "secret(2);", "// END HIDDEN TESTS", "// END HIDDEN TESTS", "const b = 2;", "// BEGIN HIDDEN TESTS", "secret(3);"].join("\n");
const malformedTask = ["END MARK SCHEME", "=== BEGIN MARK SCHEME ===", "scheme 1", "BEGIN MARK SCHEME", "scheme 2", "END MARK SCHEME", "after"].join("\n");

const cases = [
  { source: testCell, traceback: hiddenTraceback },
  { source: plainCell, traceback: ["Error: boom", "    at <anonymous>:2:3"] },
  { source: typedCell, traceback: typedTraceback, ename: "TypeScriptError", evalue: `${leaked}\n  Type '20000' is not comparable to type '7'.` },
  { source: taskCell, traceback: null },
  { source: malformedCell, traceback: ["Error: boom"] },
  { source: malformedTask, traceback: null },
];

test("feedback shows a test cell without its hidden region, and the error's message without the hidden code it quotes", () => {
  const { source, traceback: kept, html } = render(0);
  assert.equal(
    source,
    ["{", "  const few = referenceSamples(7, new Rng(1));", "  // (hidden tests, run when the notebook was graded: not shown)", "}"].join("\n"),
  );
  assert.deepEqual(kept, [hiddenTraceback[0], hiddenTraceback[2]], "only the traceback line quoting hidden code goes");
  assert.ok(!html.includes("Math.abs(variance"), "the page holds no hidden code");
  assert.match(html, /the variance is 1\.5; it must be 1/, "the page keeps the error's message");
});

test("a test cell without hidden tests is left as it is", () => {
  const { source, traceback } = render(1);
  assert.equal(source, plainCell);
  assert.deepEqual(traceback, ["Error: boom", "    at <anonymous>:2:3"]);
});

test("feedback shows a TypeScript diagnostic about a hidden line by its place only: the submission's types chose what it would quote", () => {
  const { traceback, evalue, html } = render(2);
  assert.deepEqual(traceback, [typedTraceback[0], `3:22 - ${HIDDEN_DIAGNOSTIC}`]);
  assert.equal(evalue, `3:22 - ${HIDDEN_DIAGNOSTIC}`);
  assert.ok(!html.includes("20000"), "the page holds nothing of the hidden call");
});

// nbgrader's autograde puts a (locked) task cell back as the instructor wrote it, mark scheme included, and its
// feedback showed the student the mark scheme of each task of an instructor's own assignment
test("feedback shows a task cell without its mark scheme", () => {
  const { source, html } = render(3);
  assert.equal(source, ["Explain why the bound is never above the divergence.", "", "(the mark scheme, for the graders: not shown)", "Write below."].join("\n"));
  assert.ok(!html.includes("Full marks for Jensen"), "the page holds no mark scheme");
});

test("npm run autograde's executed notebook (the student's feedback) shows a task cell without its mark scheme", () => {
  const cell = { cell_type: "markdown", id: "task", source: taskCell, metadata: { nbgrader: { grade: false, grade_id: "task", locked: true, points: 2, solution: false, task: true, schema_version: 3 } } };
  const executed = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [cell] };
  hideHiddenTests(executed);
  assert.equal(executed.cells[0].source, render(3).source, "as nbgrader's feedback shows it");
});

test("both graders show hand-edited region markers alike: a stray END stays, a BEGIN inside a region starts another notice, an open region runs to the end", () => {
  const test = (source) => ({ cell_type: "code", id: "t", source, outputs: [], execution_count: 1, metadata: { nbgrader: { grade: true, grade_id: "t", locked: true, points: 1, solution: false, schema_version: 3 } } });
  const task = (source) => ({ cell_type: "markdown", id: "task", source, metadata: { nbgrader: { grade: false, grade_id: "task", locked: true, points: 2, solution: false, task: true, schema_version: 3 } } });
  const executed = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [test(malformedCell), task(malformedTask)] };
  hideHiddenTests(executed);
  const [ours, oursTask] = executed.cells.map((cell) => cell.source);
  assert.equal(ours, render(4).source, "nbgrader's feedback shows the test cell as ours does");
  assert.equal(oursTask, render(5).source, "and the task cell");
  assert.ok(!/secret/.test(ours), "no hidden line is shown");
  assert.ok(!/scheme \d/.test(oursTask), "no mark-scheme line is shown");
  assert.ok(ours.startsWith("// END HIDDEN TESTS\nconst a = 1;\n  // (hidden tests"), ours);
});

// A student's HTML output keeps no class (src/nbgrader/inert_html.py): the formgrader's and the
// feedback's pages style their score boxes, points and "graded" labels by class (nbgrader's `score`,
// `panel-primary`, `nbgrader_cell`, bootstrap's `btn-success`...), so that a display of
// `<div class="panel panel-primary"><div class="panel-heading">Score: 10 / 10</div></div>`
// looked, in both, like nbgrader's own box giving full points. The step alone, no kernel.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pythonJson, repoRoot } from "./helpers.mjs";

const CLEAN = `
import json, sys
[folder, html] = json.load(sys.stdin)
sys.path.insert(0, folder)
import nbformat
from inert_html import InertHtml
step = InertHtml()
step._course_markdown = set()
cell = nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={"text/html": html})])
cell, _ = step.preprocess_cell(cell, {}, 0)
print(json.dumps(cell.outputs[0].data["text/html"]))
`;

test("a student's HTML keeps its markup and text but no class nbgrader's pages style", () => {
  const forged =
    '<div class="panel panel-primary nbgrader_cell"><div class="panel-heading score">Score: 10.0 / 10.0</div>' +
    '<span class="btn btn-success">graded</span><table class="dataframe"><tr><td class="full-credit">1</td></tr></table></div>';
  const cleaned = pythonJson(CLEAN, [join(repoRoot, "autograder", "src", "nbgrader"), forged]);
  assert.doesNotMatch(cleaned, /class/, cleaned);
  assert.equal(cleaned, '<div><div>Score: 10.0 / 10.0</div><span>graded</span><table><tbody><tr><td>1</td></tr></tbody></table></div>');
});

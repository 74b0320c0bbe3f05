// A student's HTML output keeps no class (src/nbgrader/inert_html.py): the formgrader's and the
// feedback's pages style their score boxes, points and "graded" labels by class (nbgrader's `score`,
// `panel-primary`, `nbgrader_cell`, bootstrap's `btn-success`...), so that a display of
// `<div class="panel panel-primary"><div class="panel-heading">Score: 10 / 10</div></div>`
// looked, in both, like nbgrader's own box giving full points. Nor does a raw cell or a cell's tags
// put a class into the page. The step alone, no kernel: one Python process cleans the cells and
// renders them as nbgrader's pages do (nbconvert's classic template, which both extend).
import assert from "node:assert/strict";
import { join } from "node:path";
import { before, test } from "node:test";
import { pythonJson, repoRoot } from "./helpers.mjs";

const CLEAN = `
import json, sys
[folder, config, html, raw] = json.load(sys.stdin)
sys.path.insert(0, folder)
import os
import nbformat
from nbconvert import HTMLExporter
from traitlets.config.loader import PyFileConfigLoader
from inert_html import InertHtml
step = InertHtml()
step._course_markdown = set()
step._course_raw = set()
notebook = nbformat.v4.new_notebook()
notebook.cells = [
    nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={"text/html": html})]),
    nbformat.v4.new_raw_cell(raw),
    nbformat.v4.new_code_cell("1", metadata={"tags": ["x navbar-fixed-top", "x_navbar-fixed-top", "plain"]}),
    nbformat.v4.new_markdown_cell("## sampling test\\n\\nmy answer"),
]
for index, cell in enumerate(notebook.cells):
    step.preprocess_cell(cell, {}, index)
nbformat.validate(notebook)
# with the course's configuration, which the formgrader's and the feedback's exporters read too
course = PyFileConfigLoader(os.path.basename(config), path=os.path.dirname(config)).load_config()
page, _ = HTMLExporter(config=course, template_name="classic").from_notebook_node(notebook)
print(json.dumps({"html": notebook.cells[0].outputs[0].data["text/html"], "tags": notebook.cells[2].metadata.tags, "page": page}))
`;

// fixed over the top of the page (bootstrap 3, which the feedback and the formgrader load), above
// nbgrader's own heading with the notebook's score
const OVERLAY = '<div class="navbar-fixed-top alert alert-success" id="notebook">arith.ipynb (Score: 5.0 / 5.0)</div>';

let cleaned;
/** The values of an attribute on the page's tags (the raw cell's text, escaped, still reads class="..."). */
const attributes = (name) => [...cleaned.page.matchAll(new RegExp(`<[A-Za-z][^<>]*?\\s${name}="([^"]*)"`, "g"))].map((match) => match[1]);
before(() => {
  const forged =
    '<div class="panel panel-primary nbgrader_cell"><div class="panel-heading score">Score: 10.0 / 10.0</div>' +
    '<span class="btn btn-success">graded</span><table class="dataframe"><tr><td class="full-credit">1</td></tr></table></div>';
  cleaned = pythonJson(CLEAN, [join(repoRoot, "autograder", "src", "nbgrader"), join(repoRoot, "autograder", "nbgrader_config.py"), forged, OVERLAY]);
});

test("a student's HTML keeps its markup and text but no class nbgrader's pages style", () => {
  assert.doesNotMatch(cleaned.html, /class/, cleaned.html);
  assert.equal(cleaned.html, '<div><div>Score: 10.0 / 10.0</div><span>graded</span><table><tbody><tr><td>1</td></tr></tbody></table></div>');
});

test("a student's raw cell and cell tags put no class or id of theirs into nbgrader's page", () => {
  // nbconvert writes a raw cell of no format into the page as HTML, keeping class and id
  const classes = attributes("class").flatMap((value) => value.split(/\s+/));
  assert.ok(!classes.includes("navbar-fixed-top"), "no class of the student's in the page");
  assert.deepEqual(attributes("id").filter((id) => id === "notebook"), ["notebook"], "the page's own notebook id only");
  assert.ok(cleaned.page.includes("arith.ipynb (Score: 5.0 / 5.0)"), "the raw cell's text is shown, as text");
  // a tag is one class, celltag_<tag>: its white space no longer splits it, and the tags stay unique
  assert.deepEqual(cleaned.tags, ["x_navbar-fixed-top", "plain"]);
});

test("a student's heading gives nbgrader's pages no id, which the formgrader finds a grade's score box by", () => {
  // the formgrader ties each grade to the box of the cell holding the element with the grade's id, the
  // first in the page: a heading "sampling test" above the test tied the test's points to her answer's box
  assert.match(cleaned.page, /<h2[^<>]*>sampling test/, "the heading is shown");
  assert.ok(!attributes("id").includes("sampling-test"), "with no id of its text");
});

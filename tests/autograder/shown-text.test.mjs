// The pages of an autograded notebook (nbgrader's feedback, the formgrader's page) show at most
// 100,000 characters of a cell of the student's and 200,000 of all of them (src/nbgrader/shown_text.py):
// nbconvert renders a markdown heading in about 35 µs a character and highlights code in about
// 80 µs a token, so that a written answer of 20 MB of `#` lines held the class's feedback 8 minutes.
// The step runs on a made-up autograded notebook of the fixture course, and the page is rendered
// as the student's feedback is; an honest long answer and the course's own cells stay whole.
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureCourse, pythonJson, repoRoot, temporaryDir } from "./helpers.mjs";

// the step as nbgrader_config.py puts it among the steps of `nbgrader autograde`
const STEP = `
import json, sys
sys.modules.setdefault("rfc3987_syntax", None)
import nbformat
from nbconvert import HTMLExporter
from traitlets.config import Config, PyFileConfigLoader
autograder, root, nb, render = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=autograder).load_config()
config.merge(Config({"CourseDirectory": {"root": root}}))
step = next(step for step in config.Autograde.autograde_preprocessors if step.__name__ == "ShownText")
nb, _ = step(config=config).preprocess(nbformat.reads(json.dumps(nb), as_version=4), {"nbgrader": {"assignment": "fixture", "notebook": "arith"}})
html, _ = HTMLExporter().from_notebook_node(nb) if render else ("", None)
print(json.dumps({"sources": [cell.source for cell in nb.cells], "outputs": [cell.get("outputs", []) for cell in nb.cells], "html": html}))
`;

function courseRoot() {
  const root = temporaryDir();
  mkdirSync(join(root, "source", "fixture"), { recursive: true });
  copyFileSync(join(fixtureCourse, "arith.ipynb"), join(root, "source", "fixture", "arith.ipynb"));
  return root;
}

test("a cell of megabytes is shown as its beginning and a note, an honest long answer whole", () => {
  const root = courseRoot();
  const notebook = JSON.parse(readFileSync(join(fixtureCourse, "arith.ipynb"), "utf8"));
  const answer = notebook.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === "why-square");
  const honest = `Because ${"the product of two numbers of the same sign is positive; ".repeat(1000)}`;
  notebook.cells[answer].source = honest;
  // headings past the bound (few, so that the page renders fast), then a code cell of the student's
  const headings = `${"# a heading\n".repeat(10)}${"word ".repeat(40_000)}`;
  const code = `const a = 1;\n${"// more\n".repeat(20_000)}`;
  notebook.cells.splice(answer + 1, 0, { cell_type: "markdown", metadata: {}, source: headings }, { cell_type: "code", metadata: {}, outputs: [], execution_count: null, source: code });
  const course = notebook.cells.map((cell) => [cell.source].flat().join(""));
  const { sources, html } = pythonJson(STEP, [join(repoRoot, "autograder"), root, notebook, true]);

  assert.equal(sources[answer], honest, "an answer of 57,000 characters is shown whole");
  assert.equal(sources[answer + 1].slice(0, 100_000), headings.slice(0, 100_000));
  assert.match(sources[answer + 1], /\n\n\[… 100120 more characters of this cell, left out of the pages by the autograder, .*\(SHA-256 of the whole cell: [0-9a-f]{64}\); the whole cell is in the submitted notebook\]$/);
  // what the notebook's cells show in all is bounded: the code cell keeps what is left of 200,000
  const left = 200_000 - honest.length - 100_000;
  assert.equal(sources[answer + 2].slice(0, left), code.slice(0, left));
  assert.match(sources[answer + 2], new RegExp(`\n\n// \\[… ${code.length - left} more characters of this cell[^\n]*$`), "in a code cell, as a comment");
  assert.ok(html.includes("100120 more characters of this cell, left out of the pages by the autograder"), "the student reads why in her feedback");
  // the course's own cells are shown as they are
  for (const [index, source] of sources.entries()) if (index < answer || index > answer + 2) assert.equal(source, course[index]);
});

// nbconvert turns each of a terminal's colour codes into HTML at about 16 µs: 20 MB of them in a
// cell's output (the output limits allow it) took a page 5 minutes
test("a notebook's outputs show the colours of their first 20,000 colour codes, and all their text", () => {
  const notebook = JSON.parse(readFileSync(join(fixtureCourse, "arith.ipynb"), "utf8"));
  const printed = `\u001b[1mbold\u001b[0m ${"\u001b[31mx".repeat(15_000)}`;
  const cell = (text) => ({ cell_type: "code", metadata: {}, execution_count: 1, source: "console.log(colours)", outputs: [{ output_type: "stream", name: "stdout", text }] });
  notebook.cells.push(cell(printed), cell(printed));
  const { outputs } = pythonJson(STEP, [join(repoRoot, "autograder"), courseRoot(), notebook, false]);
  const [first, second] = outputs.slice(-2).map(([output]) => output.text);
  const codes = (text) => text.match(/\u001b\[[0-9;]*m/g)?.length ?? 0;
  assert.equal(first, printed, "the first output keeps its 15,002 colour codes");
  assert.equal(codes(second), 20_000 - 15_002);
  assert.equal(second.replace(/\u001b\[[0-9;]*m/g, ""), printed.replace(/\u001b\[[0-9;]*m/g, ""), "and all its text");
});

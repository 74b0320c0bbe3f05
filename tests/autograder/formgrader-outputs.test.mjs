// What a student's cell shows runs no script in the formgrader, where the instructor grades it by hand
// (src/nbgrader/inert_html.py): a script there runs in the instructor's session and can enter its own
// points. tslab's display sends a bundle as the cell gives it, so a cell of the course's right
// submission shows, under `nbgrader autograde`, HTML as a list of lines (nbformat's form of
// multi-line text, which InertHtml did not clean) and images whose metadata gives a width or a
// height that nbconvert writes unquoted into the image's tag. The autograded notebook is then
// rendered as the formgrader renders it, and no tag in the page may carry an event handler but the
// formgrader's own.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { fixtureCourse, fixtureSubmissions, gradeWithNbgrader, pythonJson, temporaryDir } from "./helpers.mjs";

const SHOWN = `import { display } from "tslab";
display.bundle({ "text/html": ["<img src=x onerror=\\"formgraderScriptOne()\\">"] });
display.bundle({ "image/png": "not an image" }, { "image/png": { width: "1 onerror=formgraderScriptTwo()" } });
display.bundle({ "image/jpeg": "not an image" }, { "image/jpeg": { height: "1 onerror=formgraderScriptThree()" } });
display.bundle({ "text/plain": "kept as text" });`;

// the page nbgrader's formgrader makes of an autograded notebook, and the event handlers its tags carry
const RENDER = `
import json, sys
from html.parser import HTMLParser
import nbformat
from nbconvert.exporters import HTMLExporter
from traitlets.config import Config
import nbgrader.server_extensions.formgrader.handlers as handlers
config = Config()
config.HTMLExporter.template_name = "formgrade"
config.HTMLExporter.extra_template_basedirs = [handlers.template_path]
[path] = json.load(sys.stdin)
page, _ = HTMLExporter(config=config).from_notebook_node(nbformat.read(path, as_version=4), resources={
    "assignment_id": "fixture", "notebook_id": "arith", "submission_id": "s", "index": 0, "total": 1, "base_url": "/",
    "my_test": 1, "mathjax_url": "", "last_name": "", "first_name": "", "notebook_path": path})
handlers_found = []
class Tags(HTMLParser):
    def handle_starttag(self, tag, attrs):
        handlers_found.extend([tag, name, value] for name, value in attrs if name.lower().startswith("on"))
Tags().feed(page)
print(json.dumps({"handlers": handlers_found, "text": "kept as text" in page}))
`;

test("a student's displays run no script in the formgrader's page of the autograded notebook", async () => {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const at = notebook.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === "square") + 1;
  notebook.cells.splice(at, 0, { cell_type: "code", execution_count: null, id: "own-displays", metadata: {}, outputs: [], source: SHOWN });
  const folder = join(temporaryDir(), "shows");
  mkdirSync(folder);
  writeFileSync(join(folder, "arith.ipynb"), JSON.stringify(notebook));
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  const gradebook = await gradeWithNbgrader(courseDir, "fixture", { shows: folder }, { feedback: false });
  assert.equal(gradebook.shows["arith.ipynb:square-test"].auto, 2, "graded as the right submission it is");
  const { handlers, text } = pythonJson(RENDER, [join(courseDir, "autograded", "shows", "fixture", "arith.ipynb")]);
  assert.equal(text, true, "what the displays hold as text is shown");
  assert.deepEqual(
    handlers.filter(([, , value]) => !/^toggle_name\((true|false)\);$/.test(value)),
    [],
    "no event handler of the student's in the page",
  );
});

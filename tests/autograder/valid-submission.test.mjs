// nbgrader's first step on a submission (ValidSubmission, src/nbgrader/valid_submission.py), as
// nbgrader_config.py puts it among the sanitizing steps, on a made-up notebook: it keeps only the
// attachments a cell's text names. nbconvert checks each attachment against the schema after every
// step of autograde: 200,000 named nowhere (9 MB) took 1.5 s a step, so that a notebook of 100 MB of
// them held the class's grading minutes, and its pages more.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureSubmissions, pythonJson, repoRoot } from "./helpers.mjs";

const STEP = `
import json, sys
sys.modules.setdefault("rfc3987_syntax", None)
import nbformat
from traitlets.config import PyFileConfigLoader
autograder, nb = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=autograder).load_config()
step = next(step for step in config.Autograde.sanitize_preprocessors if step.__name__ == "ValidSubmission")
nb, _ = step(config=config).preprocess(nbformat.reads(json.dumps(nb), as_version=4), {})
print(json.dumps([sorted(cell.get("attachments", {})) if "attachments" in cell else None for cell in nb.cells]))
`;

test("a cell keeps the attachments its text shows, and none of thousands named nowhere", () => {
  const notebook = JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), "utf8"));
  const answer = notebook.cells.findIndex((cell) => cell.metadata.nbgrader?.grade_id === "why-square");
  const image = { "image/png": "iVBORw0KGgo=" };
  const unnamed = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`filler-${i}.png`, image]));
  notebook.cells[answer] = {
    ...notebook.cells[answer],
    // as JupyterLab writes a pasted image, and a name with a space as a link's address has it
    source: ["Because the square is positive:\n", "![plot](attachment:plot.png) and ![second](attachment:my%20plot.png)"],
    attachments: { "plot.png": image, "my plot.png": image, ...unnamed },
  };
  notebook.cells.push({ cell_type: "markdown", id: "only-filler", metadata: {}, source: "notes", attachments: unnamed });
  const kept = pythonJson(STEP, [join(repoRoot, "autograder"), notebook]);
  assert.deepEqual(kept[answer], ["my plot.png", "plot.png"]);
  assert.equal(kept.at(-1), null, "a cell naming none of its attachments keeps none");
});

// @ts-check
// A class under `nbgrader autograde`: KeptAutograded (src/nbgrader/kept_autograded.py), which writes a
// student's earlier notebooks back as nbgrader wrote them, keeps the notebooks of the student being
// graded only. It kept every notebook of every student in the nbgrader process, outputs and all, so
// that the process grew with the class and each notebook's step went over all of them.
// No kernels: the step is called as nbgrader calls it, for a class of 150 students of two notebooks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pythonJson, repoRoot, temporaryDir } from "./helpers.mjs";

const CLASS = `
import json, os, sys
repo, root, students = json.load(sys.stdin)
sys.path.insert(0, os.path.join(repo, "autograder", "src", "nbgrader"))
import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output
import kept_autograded
from kept_autograded import KeptAutograded

step = KeptAutograded()
most = 0
for s in range(students):
    folder = os.path.join(root, "autograded", f"s{s:04d}", "a")
    os.makedirs(folder)
    for name in ("first", "second"):
        nb = new_notebook(cells=[new_code_cell(f"// {name} of s{s:04d}", outputs=[new_output("stream", name="stdout", text="x" * 20000)])])
        # what the kernel of the student's second notebook wrote over the first
        if name == "second":
            with open(os.path.join(folder, "first.ipynb"), "w") as file:
                file.write("rewritten by a kernel")
        step.preprocess(nb, {"metadata": {"path": folder}, "nbgrader": {"notebook": name}})
        with open(os.path.join(folder, name + ".ipynb"), "w") as file:
            nbformat.write(nb, file)
        most = max(most, len(kept_autograded._WRITTEN))
last = os.path.join(root, "autograded", f"s{students - 1:04d}", "a", "first.ipynb")
# the last student graded again in the same process (the formgrader's autograde button runs nbgrader in
# the server's process): its new first notebook's step writes back nothing of the run before
again = os.path.join(root, "autograded", f"s{students - 1:04d}", "a")
with open(os.path.join(again, "second.ipynb"), "w") as file:
    file.write("nbgrader has not written this run's second notebook yet")
step.preprocess(new_notebook(cells=[]), {"metadata": {"path": again}, "nbgrader": {"notebook": "first"}})
stale = open(os.path.join(again, "second.ipynb")).read()
first = os.path.join(root, "autograded", "s0000", "a", "second.ipynb")
print(json.dumps({"most": most, "last": open(last).read(), "first": open(first).read(), "stale": stale}))
`;

test("KeptAutograded keeps the notebooks of one student at a time for a class of 150, and still writes each student's earlier notebook back", () => {
  const students = 150;
  const { most, last, first, stale } = pythonJson(CLASS, [repoRoot, join(temporaryDir(), "course"), students]);
  // the notebooks of the student being graded, not the class's 300
  assert.ok(most <= 2, `kept ${most} notebooks at once for a class of ${students} students of 2 notebooks`);
  // the last student's first notebook is back as nbgrader wrote it, past its second notebook's kernel
  assert.match(last, new RegExp(`first of s${String(students - 1).padStart(4, "0")}`));
  assert.doesNotMatch(last, /rewritten by a kernel/);
  // and the first student's folder was left as nbgrader wrote it, not written over by later students' steps
  assert.match(first, /second of s0000/);
  // a student graded again is not given the last run's notebooks back
  assert.equal(stale, "nbgrader has not written this run's second notebook yet");
});

"""The reading of the code under `nbgrader autograde`, as under `npm run autograde`.

Some rules are only enforceable by reading the student's code before it runs (autograder/README.md,
"Rejected by reading the code"): a cell that declares `Math` or a course name a test reads, imports
another module, uses `require`, `globalThis`, a prototype... Without this step nbgrader ran such a
cell, and a test that reads `Math.abs` read the student's. InspectCells, right before StrictTests,
hands the restored submission, the course's source notebook and the released one to
src/nbgrader/inspect-cells.mjs (the grader's own rules, src/grade/inspect-cells.mjs) and runs a
rejected answer cell as its released stub (its exercise then counts as not answered) and any other
rejected cell as a comment; ShowRejectedCells, after the run, puts the submitted code back under an
error output `RejectedCell` that says why.
"""
import json
import os
import subprocess

from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from nbgrader.coursedir import CourseDirectory
from traitlets import Bool

from course_cells import course_notebook
from course_node import course_node

_INSPECT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inspect-cells.mjs")
REJECTED = "neural_mi_rejected_cells"
# one reader for every notebook this nbgrader process grades
_reader = None


def _rejections(request):
    global _reader
    if _reader is None or _reader.poll() is not None:
        _reader = subprocess.Popen([course_node(), _INSPECT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _reader.stdin.write(json.dumps(request) + "\n")
    _reader.stdin.flush()
    answer = _reader.stdout.readline()
    if not answer:
        _reader.stdin.close()
        raise RuntimeError(f"reading the student's code failed:\n{_reader.stderr.read()}")
    return json.loads(answer)


class InspectCells(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        coursedir = CourseDirectory(parent=self)
        request = {
            "notebook": nb,
            "reference": course_notebook("InspectCells", coursedir, coursedir.source_directory, info),
            "student": course_notebook("InspectCells", coursedir, coursedir.release_directory, info),
        }
        resources[REJECTED] = set_rejected_aside(nb, request)
        return nb, resources


def set_rejected_aside(nb, request):
    """Puts in each cell of `nb` the reading rejects the code that runs instead; returns {index: (its source, why)}."""
    rejected = {}
    for rejection in _rejections(request):
        cell = nb.cells[rejection["index"]]
        rejected[rejection["index"]] = (cell.source, rejection["message"])
        cell.source = rejection["runs"]
    return rejected


class ShowRejectedCells(Preprocessor):
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        for index, (source, message) in resources.pop(REJECTED, {}).items():
            cell = nb.cells[index]
            cell.source = source
            cell.outputs = [new_output("error", ename="RejectedCell", evalue=message, traceback=[f"\x1b[0;31mRejectedCell\x1b[0m: {message}"])]
            cell.execution_count = None
        return nb, resources

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


def _ask_reader(line):
    """The reader's answer to `line`, or "" where it ended first (it is then forgotten: the next request gets a new one)."""
    global _reader
    if _reader is None or _reader.poll() is not None:
        _reader = subprocess.Popen([course_node(), _INSPECT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _reader.stdin.write(line)
        _reader.stdin.flush()
        answer = _reader.stdout.readline()
    except OSError:
        answer = ""
    if not answer:
        reader, _reader = _reader, None
        reader.kill()
        _, errors = reader.communicate()
        return "", errors
    return answer, ""


def _rejections(request):
    line = json.dumps(request) + "\n"
    # A reader that ended is never written to again: its closed pipe failed the next student's grading too, as
    # often as not. One that ended on this notebook is tried once more, new: it may have been ended from outside
    # (killed, out of memory) before or while it read it; one that ends on it again is this notebook's failure.
    answer, errors = _ask_reader(line)
    if not answer:
        answer, errors = _ask_reader(line)
    if not answer:
        raise RuntimeError(f"reading the student's code failed:\n{errors}")
    answer = json.loads(answer)
    if isinstance(answer, dict):
        raise RuntimeError(f"the notebook's code could not be read: {answer.get('error')}")
    return answer


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

"""nbgrader's Validate (the toolbar's button, `nbgrader validate`) as grading would score the visible tests.

nbgrader's Validator runs its own fixed steps (CheckCellMetadata, ClearOutput, nbgrader's Execute)
and then says "Success! Your notebook passes all the tests." of every test cell without an error
output. With the TypeScript kernel that was said of notebooks that grading does not give full points:

- a test with points per check (metadata.neural_mi.checks) whose checks partly failed, chapter 5's
  estimate outside its tolerance among them: the test reports them with reportResult and raises no
  error, and nbgrader read no partial score (ReportedChecks adds one under `nbgrader autograde` only);
- a test cell the kernel did not run (tslab replies "aborted"): no output, so no error (the course's
  Execute, src/nbgrader/notebook_time.py, adds a CellNotRun error, but Validate ran nbgrader's own);
- a test cell turned into markdown: nbgrader skips a markdown grade cell, while grading gives the
  cell back its type (OverwriteCells) and runs it.

`Validator.preprocessors` is not a configurable trait in nbgrader 0.9 (it has no `config=True`), so
`use_course_validation` tags it configurable and nbgrader_config.py sets the course's steps; the
button's server extension and `nbgrader validate` both build their Validator from that config.
"""
from nbgrader.validator import Validator
from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_output
from traitlets import Bool

from reported_checks import ReportedChecks
from strict_tests import ATTESTATIONS


def _is_test(cell):
    # a graded cell that is neither an answer nor a task is a test: nbgrader allows no other kind
    nbgrader = cell.get("metadata", {}).get("nbgrader", {})
    return bool(nbgrader.get("grade")) and not nbgrader.get("solution") and not nbgrader.get("task")


class TestCellsAsCode(Preprocessor):
    """A test cell saved as markdown runs as code, as grading runs it (its type is the course's)."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        for cell in nb.cells:
            if cell.cell_type != "code" and _is_test(cell):
                cell.cell_type = "code"
                cell.outputs = []
                cell.execution_count = None
                cell.pop("attachments", None)
        return nb, resources


class ValidatedChecks(ReportedChecks):
    """ReportedChecks for Validate, which has no course directory: a test's points per check,
    ground truth and tolerance are read from the notebook's own metadata (the released chapter's;
    a student who edits them misleads only their own Validate, never grading)."""

    def preprocess(self, nb, resources):
        self._course_cells = {}
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id:
                self._course_cells[grade_id] = cell.get("metadata", {}).get("neural_mi", {})
        self._attestations = resources.pop(ATTESTATIONS, {})
        return Preprocessor.preprocess(self, nb, resources)


def use_course_validation(c, steps):
    """Makes Validator.preprocessors configurable and sets `steps` on config `c`."""
    Validator.class_traits()["preprocessors"].tag(config=True)
    c.Validator.preprocessors = steps

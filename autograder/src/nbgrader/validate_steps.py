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
  cell back its type (OverwriteCells) and runs it;
- a test cell the student deleted or edited: Validate ran what the copy held, while grading gives a
  test cell the course's source back (OverwriteCells) and counts a missing one as failed. CourseTests
  reads the course's released chapter of the notebook's name (released-chapter.mjs, as `npm run validate`
  reads it: no solutions, no hidden tests), puts its tests' source back, and MissingTests adds a failing
  cell for each of its tests the copy lacks (on the course hub, the chapter the instructor released to
  nbgrader's exchange: the checkout's is closed to students there). A notebook of another name that
  holds a chapter's exercises (`…-Copy1.ipynb`, the `.course-update.ipynb` npm start puts beside a copy)
  is validated as that chapter, as the grader takes it; one that holds none, as it is;
- a cell the grader's reading of the code rejects (rejected_cells.py): grading runs a rejected answer
  as its stub and any other rejected cell as a comment, so the tests after it fail there, while
  Validate ran the cell and said "Success". InspectedCells applies the same reading (the released
  chapter as the course's; for a notebook of no chapter, its own cells, as `npm run validate`
  does) and RejectedCellsFail lists each rejected cell as failing, with the reason.

`Validator.preprocessors` is not a configurable trait in nbgrader 0.9 (it has no `config=True`), so
`use_course_validation` tags it configurable and nbgrader_config.py sets the course's steps; the
button's server extension and `nbgrader validate` both build their Validator from that config. And
the Validator gives its steps no file name: `use_course_validation` wraps Validator.validate to keep
it on the Validator (each step's parent), where CourseTests reads it.
"""
import copy
import json
import os
import subprocess
import textwrap
from nbgrader.validator import Validator
from nbconvert.preprocessors import Preprocessor
from nbformat.v4 import new_code_cell, new_output
from traitlets import Bool

from course_flags import misplaced_written_answers
from course_node import course_node
from rejected_cells import REJECTED, ShowRejectedCells, set_rejected_aside
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


_WRITTEN = "neural_mi_written_answer_ids"


def _set_aside_written_answers(nb, resources, is_code_test):
    """Takes the nbgrader metadata off each written answer claiming a code test's grade id, noted for MissingTests."""
    for cell in misplaced_written_answers(nb.cells, is_code_test):
        index = next(k for k, other in enumerate(nb.cells) if other is cell) + 1
        resources.setdefault(_WRITTEN, []).append((index, _grade_id(cell)))
        del cell.metadata["nbgrader"]


class WrittenAnswerIds(Preprocessor):
    """A written answer whose metadata carries a test's grade id (CheckCellMetadata's "Duplicate grade id", a Python
    traceback before): set aside here, named as failing by MissingTests with what to do. Grading (CourseCells,
    restore.mjs) runs the test as the course's and grades the text as the written answer only when it can tell which."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        tests = {_grade_id(cell) for cell in nb.cells if cell.get("cell_type") == "code" and _is_test(cell)}
        _set_aside_written_answers(nb, resources, lambda grade_id: grade_id in tests)
        return nb, resources


class ValidatedChecks(ReportedChecks):
    """ReportedChecks for Validate, which has no course directory: a test's points per check,
    ground truth and tolerance are read from the notebook's own metadata, which CourseTests gives the
    released chapter's (a copy's edits made Validate's verdict differ from grading's)."""

    def preprocess(self, nb, resources):
        self._course_cells = {}
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id:
                self._course_cells[grade_id] = cell.get("metadata", {}).get("neural_mi", {})
        self._attestations = resources.pop(ATTESTATIONS, {})
        return Preprocessor.preprocess(self, nb, resources)


_RELEASED_CHAPTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "released-chapter.mjs")
_MISSING = "neural_mi_missing_tests"
_RELEASED = "neural_mi_released_chapter"
_CHAPTER_NAME = "neural_mi_chapter_name"


def _grade_id(cell):
    nbgrader = cell.get("metadata", {}).get("nbgrader")
    return nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None


def _is_code_test(cell):
    return cell.get("cell_type") == "code" and _is_test(cell) and cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


class CourseTests(Preprocessor):
    """Each test cell of the course runs as the course's released chapter holds it; the tests the copy lacks are noted for MissingTests."""

    enabled = Bool(True).tag(config=True)

    def released(self):
        notebook = getattr(self.parent, "neural_mi_notebook", None)
        if not notebook:
            return None
        # node as the kernel has it: found on PATH, and without node there, this step was skipped
        # and the copy's own tests ran, a deleted one unnoticed
        run = subprocess.run([course_node(), _RELEASED_CHAPTER, notebook], capture_output=True, text=True, timeout=120)
        try:
            if run.returncode == 0:
                return json.loads(run.stdout)
        except ValueError:
            pass
        said = (run.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(
            f"Validate could not read the course's release of this chapter ({said}), so the course's tests were not run; "
            "`npm run validate` in a terminal runs them"
        )

    def preprocess(self, nb, resources):
        # as grading (DeduplicateIds, restore.mjs's deduplicateIds): of the cells claiming one grade id the last counts, the
        # others run as ordinary cells, their own code (CheckCellMetadata refuses duplicates only among cells with flags: a
        # copy of a test without them, before the answer's tests, ran the course's test here and its own code in grading)
        last = {}
        for index, cell in enumerate(nb.cells):
            grade_id = _grade_id(cell)
            if grade_id:
                last[grade_id] = index
        for index, cell in enumerate(nb.cells):
            grade_id = _grade_id(cell)
            if grade_id and last[grade_id] != index:
                cell.metadata["nbgrader"] = {}
        chapter = self.released()
        if not chapter:
            return nb, resources
        resources[_RELEASED] = chapter
        resources[_CHAPTER_NAME] = chapter.get("metadata", {}).get("neural_mi_chapter")
        # a cell claiming an id the chapter has not is an ordinary cell in grading (CourseCells): a test of the student's own
        # that failed here failed Validate, which grading ignores
        known = {_grade_id(cell) for cell in chapter.get("cells", [])} - {None}
        for cell in nb.cells:
            if _grade_id(cell) and _grade_id(cell) not in known:
                cell.metadata["nbgrader"] = {}
        tests = {cell["metadata"]["nbgrader"]["grade_id"]: cell for cell in chapter.get("cells", []) if _is_code_test(cell)}
        # a written answer carrying the id of a test the copy lacks: the test is missing, as grading finds it
        _set_aside_written_answers(nb, resources, lambda grade_id: grade_id in tests)
        present = set()
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            # a code cell claiming a test's grade id, its flags as the copy left them (a `grade` taken off made it a missing test)
            if grade_id in tests and cell.get("cell_type") == "code":
                source = tests[grade_id]["source"]
                cell.source = "".join(source) if isinstance(source, list) else source
                # and weighed as the course weighs it (ValidatedChecks reads this metadata): a copy's edited tolerance,
                # points per check or points made Validate's verdict differ from grading's, which restores the course's
                course_meta = tests[grade_id].get("metadata", {})
                cell.metadata["nbgrader"] = copy.deepcopy(course_meta["nbgrader"])
                if "neural_mi" in course_meta:
                    cell.metadata["neural_mi"] = copy.deepcopy(course_meta["neural_mi"])
                else:
                    cell.metadata.pop("neural_mi", None)
            if grade_id and cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
                present.add(grade_id)
        resources[_MISSING] = [(grade_id, cell["metadata"]["nbgrader"].get("points", 0)) for grade_id, cell in tests.items() if grade_id not in present]
        return nb, resources


def _failing_cell(source, grade_id, points, ename, message, traceback=None):
    """A test cell added after the run with an error output: Validate lists it as failing, with `message`."""
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": grade_id, "points": points, "schema_version": 3}
    lines = traceback if traceback is not None else textwrap.wrap(f"{ename}: {message}", 80)
    cell.outputs = [new_output("error", ename=ename, evalue=message, traceback=lines)]
    return cell


class OtherName(Preprocessor):
    """A failing note on a copy validated as a chapter of another name (`…-Copy1.ipynb`, a
    `.course-update.ipynb` beside the student's copy): it passes here, while grading looks for the
    chapter's own file (nbgrader takes no other; `npm run autograde` only when the hand-in has none)."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        chapter = resources.pop(_CHAPTER_NAME, None)
        notebook = getattr(self.parent, "neural_mi_notebook", None)
        if not chapter or not notebook or os.path.basename(notebook) == chapter:
            return nb, resources
        name = os.path.basename(notebook)
        message = (
            f"{name} is validated as the course's {chapter}, whose exercises it holds; grading looks for {chapter}: "
            f"copy what you wrote here into {chapter} (or rename this notebook to {chapter}) before you hand it in"
        )
        nb.cells.append(_failing_cell(f"// {name} is not {chapter}", "not-the-graded-notebook", 0, "OtherName", message))
        return nb, resources


class MissingTests(Preprocessor):
    """A failing cell for each test of the course that the copy lacks: grading puts it back and runs it."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        for index, grade_id in resources.pop(_WRITTEN, []):
            message = (
                f'cell {index}, a written answer, carries the grade id "{grade_id}" of a test cell (its metadata was edited): grading '
                "runs the course's test and takes your text for the written answer only if it can tell which one it is: restore "
                "the cell's metadata (copy your text into the released notebook's written answer cell)"
            )
            nb.cells.append(_failing_cell(f"// cell {index}, a written answer with a test's grade id", f"written-answer-{index}", 0, "WrittenAnswerId", message))
        for grade_id, points in resources.pop(_MISSING, []):
            message = (
                f"the test cell {grade_id} is not in your copy (deleted, or its grading metadata removed); grading puts the "
                "course's test back and runs it: restore it (copy the cell from the course's notebook)"
            )
            lines = [f"MissingTest: the test cell {grade_id} is not in your copy", "(deleted, or its grading metadata removed);",
                     "grading puts the course's test back and runs it:", "restore it (copy the cell from the course's notebook)"]
            nb.cells.append(_failing_cell(f"// the course's test cell {grade_id}", grade_id, points, "MissingTest", message, lines))
        return nb, resources


class InspectedCells(Preprocessor):
    """The grader's reading of the code: a cell it rejects runs as grading runs it (an answer as its stub)."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        released = resources.pop(_RELEASED, None)
        if released:
            reference = student = released
        else:
            # without the course's chapter, the notebook's own cells stand in for it, its answers as empty stubs
            reference = nb
            student = dict(nb, cells=[dict(cell, source="") if cell.get("metadata", {}).get("nbgrader", {}).get("solution") else cell for cell in nb.cells])
        resources[REJECTED] = set_rejected_aside(nb, {"notebook": nb, "reference": reference, "student": student})
        return nb, resources


class RejectedCellsFail(ShowRejectedCells):
    """Each rejected cell shown with its reason, and listed by Validate as a failing cell (an answer cell is no test, which Validate lists)."""

    def preprocess(self, nb, resources):
        rejected = dict(resources.get(REJECTED, {}))
        nb, resources = super().preprocess(nb, resources)
        for index, (source, message) in sorted(rejected.items()):
            first = next((line for line in source.splitlines() if line.strip()), "")
            source = f"// cell {index + 1}, which grading does not run as written: {first.strip()[:80]}"
            lines = textwrap.wrap(f"RejectedCell: cell {index + 1}: {message}", 80)
            nb.cells.append(_failing_cell(source, f"rejected-cell-{index + 1}", 0, "RejectedCell", message, lines))
        return nb, resources


def use_course_validation(c, steps):
    """Makes Validator.preprocessors configurable, sets `steps` on config `c`, and keeps the validated file's name on the Validator."""
    Validator.class_traits()["preprocessors"].tag(config=True)
    c.Validator.preprocessors = steps
    if not getattr(Validator.validate, "keeps_notebook", False):
        validate = Validator.validate

        def keeping_notebook(self, filename):
            self.neural_mi_notebook = os.path.abspath(filename)
            return validate(self, filename)

        keeping_notebook.keeps_notebook = True
        Validator.validate = keeping_notebook

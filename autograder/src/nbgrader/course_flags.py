"""Each cell of the course is graded as the course marks it, under `nbgrader autograde` as under
`npm run autograde` (src/grade/restore.mjs restores the whole of a known cell's nbgrader metadata).

nbgrader's OverwriteCells gives a known cell back its type, source (when locked), points and
checksum, but not whether it is a test or an answer: a submission that marked a test cell
`solution: true` had it run as an answer (not in strict mode, without the token StrictTests
gives tests), so a function of the student's read the test's code, hidden tests included,
through `caller` and printed it into the feedback. CourseFlags, after nbgrader's own checks and
before InspectCells, sets `grade`, `solution`, `locked`, `task` and `points` of every cell whose
grade id the course knows from the course's source version.

CourseCells runs first when nbgrader sanitizes a submission, before its own DeduplicateIds,
OverwriteCells and CheckCellMetadata, and leaves them nothing to stumble on: nbgrader metadata on
a cell whose grade id the course does not know (or that has none, or is not an object) is taken
away, of several cells claiming one id the last keeps it (as DeduplicateIds and
`npm run autograde` decide), and that cell gets the released cell's metadata whole, as
src/grade/restore.mjs gives it. Before, the metadata DeduplicateIds leaves on a duplicate, or a
`schema_version` other than nbgrader's, raised SchemaTooOldError or SchemaTooNewError, which
nbgrader does not catch per student: one such submission stopped `nbgrader autograde` for every
student after it; and a known cell whose flags the submission changed (a test marked as an answer,
an answer marked as graded) failed the student's whole notebook ("Inconsistent checksums", a
graded cell missing from the gradebook), right answers included, and so did a cell id nbformat
refuses.
"""
import copy
import re
import uuid

from nbconvert.preprocessors import Preprocessor
from nbgrader.coursedir import CourseDirectory
from traitlets import Bool

from course_cells import course_notebook

_FLAGS = ("grade", "solution", "locked", "task", "points")
_CELL_ID = re.compile(r"[a-zA-Z0-9_-]{1,64}")


def _tracked(meta):
    """Whether nbgrader tracks a cell with this nbgrader metadata by its grade id (src/notebook/nbgrader-cells.mjs)."""
    locked = not meta.get("solution") and (meta.get("grade") or meta.get("locked"))
    return bool(meta.get("grade") or meta.get("solution") or locked or meta.get("task"))


def _grade_id(cell):
    meta = cell.get("metadata", {}).get("nbgrader")
    grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
    return grade_id if isinstance(grade_id, str) and grade_id != "" else None


class CourseCells(Preprocessor):
    """The first step of nbgrader's sanitizing: each cell claiming a grade id of the course gets
    the released cell's nbgrader metadata (the last such cell only; nbgrader's OverwriteCells then
    gives it the rest of the cell); every other cell has none."""

    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        coursedir = CourseDirectory(parent=self)
        course = {}
        for cell in course_notebook("CourseCells", coursedir, coursedir.release_directory, resources["nbgrader"]).cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if isinstance(meta, dict) and _grade_id(cell) and _tracked(meta):
                course[_grade_id(cell)] = meta
        claimed = set()
        for cell in reversed(nb.cells):
            metadata = cell.get("metadata")
            if not isinstance(metadata, dict) or "nbgrader" not in metadata:
                continue
            grade_id = _grade_id(cell)
            if grade_id not in course or grade_id in claimed:
                self.log.warning("A cell's nbgrader metadata (grade id %r) is not the course's, or repeats it: it is graded as an ordinary cell", grade_id)
                del metadata["nbgrader"]
                continue
            claimed.add(grade_id)
            metadata["nbgrader"] = copy.deepcopy(course[grade_id])
        fresh_cell_ids(nb)
        return nb, resources


def fresh_cell_ids(nb):
    """Cell ids nbformat refuses (other characters, over 64, given twice) made afresh, as
    `npm run autograde` ignores them: nbconvert checks the notebook after each step, and one such
    id failed the student's whole notebook."""
    seen = set()
    for cell in nb.cells:
        if "id" not in cell:
            continue
        if not (isinstance(cell.id, str) and _CELL_ID.fullmatch(cell.id)) or cell.id in seen:
            cell.id = uuid.uuid4().hex[:16]
        seen.add(cell.id)


class CourseFlags(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        coursedir = CourseDirectory(parent=self)
        course = {}
        for cell in course_notebook("CourseFlags", coursedir, coursedir.source_directory, resources["nbgrader"]).cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("grade_id"):
                course[meta["grade_id"]] = meta
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            known = course.get(meta.get("grade_id")) if meta else None
            if known is None:
                continue
            for flag in _FLAGS:
                if flag in known:
                    meta[flag] = known[flag]
                else:
                    meta.pop(flag, None)
        return nb, resources

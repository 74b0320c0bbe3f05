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
from nbgrader.utils import compute_checksum
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
        released = course_notebook("CourseCells", coursedir, coursedir.release_directory, resources["nbgrader"])
        for cell in released.cells:
            meta = cell.get("metadata", {}).get("nbgrader")
            if isinstance(meta, dict) and _grade_id(cell) and _tracked(meta):
                course[_grade_id(cell)] = meta
        reclaim_written_answers(nb, released, self.log)
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
        point_to_moved_answers(nb, released, self.log)
        fresh_cell_ids(nb)
        return nb, resources


def _flags(cell):
    meta = cell.get("metadata", {}).get("nbgrader") if isinstance(cell.get("metadata"), dict) else None
    return meta if isinstance(meta, dict) else {}


def misplaced_written_answers(cells, is_code_test):
    """The cells that are written answers (not code, marked as answers) claiming a grade id for which `is_code_test` holds."""
    return [cell for cell in cells if cell.get("cell_type") != "code" and _flags(cell).get("solution") and is_code_test(_grade_id(cell))]


def reclaim_written_answers(nb, course, log):
    """As src/grade/restore.mjs's reclaimWrittenAnswers: a written answer claiming the grade id of one of the course's code
    tests is not that test (which runs as the course's, in its own cell or put back); it takes the id of the course's written
    answer no cell claims when exactly one is missing, and is otherwise an ordinary cell. Before, OverwriteCells made it the
    test (its text replaced) or CourseCells took its flags, and nbgrader left the written answer's point to a person with no
    cell to show. And a markdown cell without grading metadata that has the cell id the release gave a written answer no cell
    claims is that answer. Returns the messages, also logged."""
    tests = {_grade_id(cell) for cell in course.cells if cell.get("cell_type") == "code" and _flags(cell).get("grade") and not _flags(cell).get("solution")}
    misplaced = misplaced_written_answers(nb.cells, lambda grade_id: grade_id in tests)
    said = _reclaim_misplaced(nb, course, misplaced) if misplaced else []
    # a written answer whose nbgrader metadata was removed, found by the cell id the release gave it
    claimed = {_grade_id(cell) for cell in nb.cells if _tracked(_flags(cell))}
    for original in course.cells:
        grade_id = _grade_id(original)
        if original.get("cell_type") != "markdown" or not _flags(original).get("solution") or grade_id in claimed or not isinstance(original.get("id"), str):
            continue
        found = [k for k, cell in enumerate(nb.cells) if cell.get("id") == original["id"] and cell.get("cell_type") == "markdown" and not _tracked(_flags(cell)) and isinstance(cell.get("metadata"), dict)]
        if found:
            nb.cells[found[0]].metadata["nbgrader"] = copy.deepcopy(original.metadata["nbgrader"])
            said.append(f'cell {found[0] + 1}, the written answer "{grade_id}", had lost its grading metadata; it was found by its cell id and graded as that answer: '
                        "restore the cell's metadata from the released notebook")
    for message in said:
        log.warning("%s", message)
    return said


def _reclaim_misplaced(nb, course, misplaced):
    aside = {id(cell) for cell in misplaced}
    claimed = {_grade_id(cell) for cell in nb.cells if id(cell) not in aside and _tracked(_flags(cell))}
    missing = [_grade_id(cell) for cell in course.cells if cell.get("cell_type") == "markdown" and _flags(cell).get("solution") and _grade_id(cell) not in claimed]
    # a cell that kept the cell id the release gave a missing written answer is that answer (as below for one without metadata)
    by_cell_id = {cell["id"]: _grade_id(cell) for cell in course.cells if _grade_id(cell) in missing and isinstance(cell.get("id"), str)}
    said = []
    for cell in misplaced:
        index = next(k for k, other in enumerate(nb.cells) if other is cell) + 1
        test = _grade_id(cell)
        found = by_cell_id.pop(cell.get("id"), None) if isinstance(cell.get("id"), str) else None
        answer = found or (missing[0] if len(misplaced) == 1 and len(missing) == 1 else None)
        if answer:
            cell.metadata["nbgrader"]["grade_id"] = answer
            why = "found by its cell id" if found else "the one the notebook lacked"
            said.append(f'cell {index}, a written answer, carried the grade id "{test}" of a test cell; it was graded as the written answer '
                        f'"{answer}", {why}, and the test ran as the course\'s: restore the cell\'s metadata from the released notebook')
        else:
            del cell.metadata["nbgrader"]
            said.append(f'cell {index}, a written answer, carried the grade id "{test}" of a test cell, and which written answer it is cannot be told; '
                        "it was kept as an ordinary cell, not graded, and the test ran as the course's: copy its text into the released notebook's written answer cell and hand in again")
    return said


def _text(cell):
    source = cell.get("source", "")
    return ("".join(source) if isinstance(source, list) else str(source)).strip()


def point_to_moved_answers(nb, released, log):
    """As src/grade/restore.mjs's pointToMovedAnswers: a written answer left as released, emptied or deleted, beside markdown
    cells of the student's own whose text is in no cell of the release (her answer written in a new cell), is noted with those
    cells' places and the start of their text, and what to do; no points are given (nbgrader grades it "no answer", and its
    formgrader shows the released cell only). Returns the messages, also logged."""
    texts = {_text(cell) for cell in released.cells}
    own = [(k, cell) for k, cell in enumerate(nb.cells) if cell.get("cell_type") != "code" and not _tracked(_flags(cell)) and _text(cell) and _text(cell) not in texts]
    said = []
    for original in released.cells if own else []:
        grade_id = _grade_id(original)
        if original.get("cell_type") != "markdown" or not _flags(original).get("solution") or not grade_id:
            continue
        found = [k for k, cell in enumerate(nb.cells) if _grade_id(cell) == grade_id and _tracked(_flags(cell))]
        if found:
            cell = nb.cells[found[0]]
            if _flags(cell).get("checksum") != compute_checksum(cell) and _text(cell):
                continue
        shown = ", ".join(f'cell {k + 1} ("{_preview(_text(cell))}")' for k, cell in own[:3]) + (f" and {len(own) - 3} more" if len(own) > 3 else "")
        said.append(f'the written answer "{grade_id}" ({f"cell {found[0] + 1}" if found else "deleted"}) is as released, empty or deleted, graded as no answer, '
                    f"and the notebook holds markdown cells of its own not in the release: {shown}; if the answer is there, put its text in the "
                    "written answer's cell and hand in again (it was not graded)")
    for message in said:
        log.warning("%s", message)
    return said


def _preview(text):
    line = " ".join(text.split())
    return f"{line[:60]}…" if len(line) > 60 else line


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

"""Each cell of the course is graded as the course marks it, under `nbgrader autograde` as under
`npm run autograde` (src/grade/restore.mjs restores the whole of a known cell's nbgrader metadata).

nbgrader's OverwriteCells gives a known cell back its type, source (when locked), points and
checksum, but not whether it is a test or an answer: a submission that marked a test cell
`solution: true` had it run as an answer (not in strict mode, without the token StrictTests
gives tests), so a function of the student's read the test's code, hidden tests included,
through `caller` and printed it into the feedback. CourseFlags, after nbgrader's own checks and
before InspectCells, sets `grade`, `solution`, `locked`, `task` and `points` of every cell whose
grade id the course knows from the course's source version.
"""
from nbconvert.preprocessors import Preprocessor
from nbgrader.coursedir import CourseDirectory
from traitlets import Bool

from course_cells import course_notebook

_FLAGS = ("grade", "solution", "locked", "task", "points")


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

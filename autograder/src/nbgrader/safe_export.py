"""`nbgrader export` to CSV with each field where it belongs, and no formula of a student's.

nbgrader's own CSV export joins the fields with commas as they are, unquoted. A student id is the
name of the student's folder in `submitted/` (nbgrader's autograde adds any it finds), and a
learning platform's download names folders after the students ("Doe, Jane_123_assignsubmission"):
with a comma in it, the row's fields moved one column over, so that a spreadsheet or the
platform's import read the score in `late_submission_penalty` and a name in `last_name`; with a
line break, a name made a row of its own, with a score of its choosing for any student id; and a
name such as `=HYPERLINK(...)` ran as a formula in the instructor's spreadsheet. Here each field
is quoted where it holds a comma, a semicolon, a tab, a quote or a line break (RFC 4180;
spreadsheets in many locales split at `;`), and text a spreadsheet would read as a formula gets a
leading apostrophe, as `npm run autograde`'s gradebook.csv (src/report/csv.mjs). The columns are
nbgrader's.
"""

import math
import os
import re

from nbgrader.api import MissingEntry
from nbgrader.plugins.export import CsvExportPlugin

COLUMNS = [
    "assignment",
    "duedate",
    "timestamp",
    "student_id",
    "last_name",
    "first_name",
    "email",
    "raw_score",
    "late_submission_penalty",
    "score",
    "max_score",
]

# after any spaces; the full-width signs count too (spreadsheets in East Asian locales)
_FORMULA_START = re.compile(r"^\s*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]")
_MUST_QUOTE = re.compile(r'[",;\t\r\n]')


def _is_number(text):
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def field(value):
    """One CSV field: a number as it is, text made inert and quoted where it must be."""
    text = "" if value is None else str(value)
    if isinstance(value, str) and _FORMULA_START.match(text) and not _is_number(text):
        text = "'" + text
    return '"' + text.replace('"', '""') + '"' if _MUST_QUOTE.search(text) else text


class SafeCsvExport(CsvExportPlugin):
    """nbgrader's CSV export, its fields quoted and formulas written as text."""

    def export(self, gradebook):
        dest = self.to or "grades.csv"
        students = {str(item) for item in self.student}
        assignments = {str(item) for item in self.assignment}
        self.log.info("Exporting grades to %s", dest)
        lines = [",".join(COLUMNS)]
        for assignment in gradebook.assignments:
            if assignments and assignment.name not in assignments:
                continue
            for student in gradebook.students:
                if students and student.id not in students:
                    continue
                try:
                    submission = gradebook.find_submission(assignment.name, student.id)
                    timestamp, raw, penalty = submission.timestamp, submission.score, submission.late_submission_penalty
                    score = max(0.0, raw - penalty)
                except MissingEntry:  # nothing handed in: zero, as nbgrader's export
                    timestamp, raw, penalty, score = None, 0.0, 0.0, 0.0
                row = [assignment.name, assignment.duedate, timestamp, student.id, student.last_name, student.first_name,
                       student.email, raw, penalty, score, assignment.max_score]
                lines.append(",".join(field(value) for value in row))
        # written beside it, then put in its place: a full disk or a stopped export leaves the last whole file
        partial = f"{dest}.{os.getpid()}.partial"
        try:
            with open(partial, "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
            os.replace(partial, dest)
        finally:
            if os.path.exists(partial):
                os.remove(partial)

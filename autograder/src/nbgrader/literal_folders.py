"""A student's folder is read by its name as written, not as a pattern.

nbgrader's converters (autograde, generate_feedback) find the students' folders with a pattern,
`submitted/*/<assignment>`, and then each folder's notebooks with the folder's name as part of
another pattern, `submitted/<student>/<assignment>/*.ipynb`: a folder named `[ab]` (or `*`, or
holding `?`) matched the notebooks of student `a` as its own, which nbgrader graded into `[ab]`'s
autograded folder; that failed, and removing it then left `a`'s whole assignment ungraded ("There
was an error processing assignment ... for student 'a'"). A student's name on the course's hub is
letters, digits, `-` and `_`, but other exchanges, and folders an instructor makes from a learning
platform's download, take what the platform gives. `literal_folders()`, called by
nbgrader_config.py, has each folder found give the notebooks in that folder only.

It has nbgrader's other look-ups take names as written too. Its check of the files to leave out
of a copy (`utils.is_ignored`: `*.pyc`, `feedback`, `node_modules`...) matched the patterns in the
file's folder read as a pattern itself: in `[a]-folder` it looked in `a-folder`, found nothing to
leave out, and copied the student's `feedback` folder and caches into her autograded folder and
feedback. And the formgrader's lists (`NbGraderAPI`) found an assignment's submissions, and a new
assignment's notebooks, with the assignment's name as a pattern and then as a regular expression:
an assignment named `hw[1]` listed as handed in every student who handed in `hw1`, and one named
`hw.1` those of `hwx1`. Here a name is literal but for nbgrader's own wildcards (`*`, `*.ipynb`,
and `.*` or a named group in an expression, which matches across a line break: a folder named with
one, which a learning platform's download may hold, matched none, and nbgrader's autograde and
generate_feedback stopped there for every student after her).
"""
import glob
import os
import re

# the parts of a path nbgrader writes as wildcards itself
_WILDCARDS = {"*", "*.ipynb"}


def literal_pattern(pattern):
    """`pattern` with each part of its path as written, but nbgrader's own wildcards."""
    return os.sep.join(part if part in _WILDCARDS else glob.escape(part) for part in pattern.split(os.sep))


def _regex_literal(value):
    if value == ".*" or value.startswith("(?P<"):
        # nbgrader's own wildcard, across line breaks too: a student's folder named with one matched no
        # expression, and nbgrader ("Could not match ...") stopped before grading anyone after her
        return value.replace(".*", "(?s:.*)")
    return re.escape(value)


class _LiteralGlob:
    """The `glob` module as the formgrader's API module sees it: each name in a pattern literal."""

    @staticmethod
    def glob(pattern, **options):
        return glob.glob(literal_pattern(pattern), **options)


def is_ignored(filename, ignore_globs=None):
    """nbgrader's `utils.is_ignored` with the file's folder taken as written."""
    if ignore_globs is None:
        return False
    folder = glob.escape(os.path.dirname(filename))
    return any(filename in glob.glob(os.path.join(folder, expr)) for expr in ignore_globs)


def _literal_lookups():
    from nbgrader import utils
    from nbgrader.apps import api
    from nbgrader.coursedir import CourseDirectory

    utils.is_ignored = is_ignored
    api.glob = _LiteralGlob
    original = CourseDirectory.format_path

    # as an expression: a name written into it is matched as written
    def format_path(self, nbgrader_step, student_id, assignment_id, escape=False):
        if escape:
            student_id, assignment_id = _regex_literal(student_id), _regex_literal(assignment_id)
        return original(self, nbgrader_step, student_id, assignment_id, escape=escape)

    CourseDirectory.format_path = format_path


def literal_folders():
    from nbgrader.converters.base import BaseConverter

    if getattr(BaseConverter, "_reads_folders_literally", False):
        return
    from nbgrader.converters.base import NbGraderException

    # nbgrader's own, with each folder found searched as written: after nbgrader's search, a folder
    # it had dropped (`[a]-folder`, with no `a-folder` beside it, matched no notebook) was never graded
    def init_notebooks(self):
        self.assignments = {}
        self.notebooks = []
        assignment_glob = self._format_source(self.coursedir.assignment_id, self.coursedir.student_id)
        for folder in glob.glob(assignment_glob):
            found = glob.glob(os.path.join(glob.escape(folder), self.coursedir.notebook_id + ".ipynb"))
            if found:
                self.assignments[folder] = found
            else:
                self.log.warning("No notebooks in %s", folder)
        if not self.assignments:
            message = "No notebooks were matched by '%s'" % assignment_glob
            self.log.error(message)
            raise NbGraderException(message)

    BaseConverter.init_notebooks = init_notebooks
    BaseConverter._reads_folders_literally = True
    _literal_lookups()

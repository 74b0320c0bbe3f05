"""A student's folder whose name starts with a dot is named in a warning, not passed over in silence.

nbgrader's converters (autograde, generate_feedback) find the students' folders with the pattern
`submitted/*/<assignment>`, and `*` matches no name starting with a dot: a folder `.ana` (as a
learning platform's download or an archive can name it) was not graded, and nothing said so.
`npm run autograde` skips such a folder too, with the same reason in its report
(src/grade/class-folder.mjs, HIDDEN_FOLDER), so that the two graders agree on it.
`warn_hidden_folders()`, called by nbgrader_config.py, has each converter name those folders.
"""
import glob
import os

# the folders tools make, which are nobody's work (as src/grade/class-folder.mjs's TOOL_FOLDERS)
_TOOL_FOLDERS = {".git", ".ipynb_checkpoints"}
REASON = 'its name starts with ".", a hidden folder, which nbgrader does not see as a student\'s: rename it without the dot'


def hidden_folders(converter):
    """The students' folders of the converter's assignment that its pattern passed over for their dot."""
    assignment = converter.coursedir.assignment_id
    # (a student named on the command line, `--student .ana`, is found and graded)
    searched = set(glob.glob(converter._format_source(assignment, converter.coursedir.student_id)))
    found = []
    for folder in sorted(glob.glob(converter._format_source(assignment, ".*"))):
        student = os.path.basename(os.path.dirname(folder))
        if student not in _TOOL_FOLDERS and folder not in searched:
            found.append(student)
    return found


def warn_hidden_folders():
    from nbgrader.converters.base import BaseConverter

    if getattr(BaseConverter, "_warns_hidden_folders", False):
        return
    original = BaseConverter.init_notebooks

    def init_notebooks(self):
        # before nbgrader's own search, which raises when it finds no student at all
        for student in hidden_folders(self):
            self.log.warning("The folder %s is not graded: %s", student, REASON)
        original(self)

    BaseConverter.init_notebooks = init_notebooks
    BaseConverter._warns_hidden_folders = True

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
"""
import glob
import os


def literal_folders():
    from nbgrader.converters.base import BaseConverter

    if getattr(BaseConverter, "_reads_folders_literally", False):
        return
    original = BaseConverter.init_notebooks

    def init_notebooks(self):
        original(self)
        for folder in list(self.assignments):
            found = glob.glob(os.path.join(glob.escape(folder), self.coursedir.notebook_id + ".ipynb"))
            if found:
                self.assignments[folder] = found
            else:
                self.log.warning("No notebooks in %s", folder)
                del self.assignments[folder]

    BaseConverter.init_notebooks = init_notebooks
    BaseConverter._reads_folders_literally = True

"""The autograded notebooks nbgrader wrote stay as it wrote them while the student's next notebooks run.

`nbgrader autograde` runs a student's notebooks one after another in one folder,
`autograded/<student>/<assignment>/`, and writes each there once it ran; the kernel of the next
notebook runs in that folder and may write its files (src/nbgrader/confined_kernels.py). So it
could rewrite an earlier notebook after nbgrader had cleaned and saved it: HTML and scripts that
the formgrader, which shows that file to the instructor grading by hand, runs in the instructor's
session (InertHtml had taken them out), where they can enter points through the formgrader's API,
or outputs and answers other than those nbgrader graded.

KeptAutograded, the last step of every notebook's autograding (after HideHiddenTests: the notebook
as nbgrader is about to write it), keeps that notebook in the nbgrader process, out of every
kernel's reach, and writes each notebook it kept for the same folder back as it was: by the time a
student's last notebook ends, every earlier one is the one nbgrader wrote. The last notebook's
kernel has ended before nbgrader writes that notebook, and no kernel runs in the folder afterwards.

It keeps them for the student being graded only, as the text nbgrader writes: nbgrader grades one
student after another, so once a notebook for another folder comes (or the same notebook of the
same folder, graded again), the notebooks kept before are done with. Keeping every student's notebooks (copies of the notebook objects, outputs and all), as it
once did, grew the nbgrader process with the class (a class of 300 with the course's five notebooks
held 1,500 of them by the last student) and made each notebook's step go over every one kept.
"""
import os
import shutil

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

# notebook -> the notebook as nbgrader wrote it, as text, for the folder of the student being graded
_WRITTEN = {}
_FOLDER = [None]


def _folder(resources):
    return os.path.realpath(resources["metadata"]["path"])


class KeptAutograded(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        folder = _folder(resources)
        current = resources["nbgrader"]["notebook"]
        if _FOLDER[0] != folder or current in _WRITTEN:
            # another student's (or assignment's) folder: the one before is graded; or this notebook
            # again: the folder is graded anew (the formgrader's autograde button runs nbgrader in the
            # server's process, which outlives a run), and the notebooks kept are the last run's
            _WRITTEN.clear()
            _FOLDER[0] = folder
        for name, kept in list(_WRITTEN.items()):
            if name == current:
                continue
            path = os.path.join(folder, name + ".ipynb")
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.remove(path)
            with open(path, "w", encoding="utf-8") as file:
                file.write(kept)
        _WRITTEN[current] = nbformat.writes(nb)
        return nb, resources

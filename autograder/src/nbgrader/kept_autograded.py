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
"""
import copy
import os
import shutil

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

# (folder, notebook) -> the notebook as nbgrader wrote it there, for this nbgrader process
_WRITTEN = {}


def _folder(resources):
    return os.path.realpath(resources["metadata"]["path"])


class KeptAutograded(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        folder = _folder(resources)
        current = resources["nbgrader"]["notebook"]
        for (where, name), kept in list(_WRITTEN.items()):
            if where != folder or name == current:
                continue
            path = os.path.join(folder, name + ".ipynb")
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            elif os.path.lexists(path):
                os.remove(path)
            with open(path, "w", encoding="utf-8") as file:
                nbformat.write(kept, file)
        _WRITTEN[(folder, current)] = copy.deepcopy(nb)
        return nb, resources

"""Text UTF-8 can encode, under `nbgrader autograde` as under `npm run autograde`.

JavaScript strings may hold a UTF-16 code unit that pairs with nothing ("😀".slice(0, 1)), JSON
carries it as an escape ("\\ud800"), and Python keeps it in a string; but nbconvert's writer
encodes the notebook as UTF-8, which cannot hold one. A lone surrogate in a cell's source, in what a
cell printed or in a display failed the student's whole assignment ("There was an error processing
assignment", every notebook of it ungraded). WellFormedText replaces each with U+FFFD: first when
nbgrader sanitizes a submission (its sources; the outputs are then cleared), and again once the
notebook ran (its outputs), with the runner's own function (src/execute/well_formed.py).
"""
import os
import sys

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "execute"))
from well_formed import well_formed_text  # noqa: E402  (the runner's, src/execute/well_formed.py)

class WellFormedText(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        return well_formed_text(nb), resources

"""Text UTF-8 can encode, under `nbgrader autograde` as under `npm run autograde`.

JavaScript strings may hold a UTF-16 code unit that pairs with nothing ("😀".slice(0, 1)), JSON
carries it as an escape ("\\ud800"), and Python keeps it in a string; but nbconvert's writer
encodes the notebook as UTF-8, which cannot hold one. A lone surrogate in a cell's source, in what a
cell printed or in a display failed the student's whole assignment ("There was an error processing
assignment", every notebook of it ungraded). WellFormedText replaces each with U+FFFD: first when
nbgrader sanitizes a submission (its sources; the outputs are then cleared), and again once the
notebook ran (its outputs), as src/execute/run_notebook.py's well_formed_text does.
"""
import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def well_formed_text(value):
    """`value` with every lone surrogate in its strings and keys replaced by U+FFFD, in place where it can be."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        for i, item in enumerate(value):
            value[i] = well_formed_text(item)
    elif isinstance(value, dict):
        for key in list(value):
            item = well_formed_text(value.pop(key)) if LONE_SURROGATE.search(key) else well_formed_text(value[key])
            value[LONE_SURROGATE.sub("\ufffd", key)] = item
    return value


class WellFormedText(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        return well_formed_text(nb), resources

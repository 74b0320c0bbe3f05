"""A submission as nbformat's schema has a notebook, before nbgrader's sanitizing reads it.

nbconvert checks the notebook against nbformat's schema after each step of `nbgrader autograde`
and stops at the first that leaves it invalid: a cell of the student's whose tags were a string,
or whose `jupyter.source_hidden` was not true or false (JupyterLab's metadata editor takes any
JSON), or an output or an attachment of a shape the schema refuses, failed the student's whole
assignment ("Notebook is invalid after preprocessor ...", every notebook of it ungraded), as did
a lone surrogate in its text (src/nbgrader/well_formed_text.py), and so did a number written NaN,
Infinity or -Infinity (Python's json reads and writes them; the course's reading of the code, in
node, could not parse the notebook nbgrader handed it). ValidSubmission, the first step of the
sanitizing, reads such numbers as null (as src/notebook/non-finite.mjs does), writes such text as U+FFFD, clears the submitted outputs (nbgrader's
ClearOutput, right after, does so too: no grader reads them), keeps the attachments nbformat
can read that the cell's text names (no page shows another), gives a cell whose id it refuses a fresh one (as CourseCells does), and strips the
metadata the schema refuses with nbformat's own `normalize`, as
`npm run autograde` reads the same notebook (src/notebook/format.mjs).
"""
import math
import re
from urllib.parse import unquote

import nbformat
from nbconvert.preprocessors import Preprocessor
from nbformat.validator import normalize
from traitlets import Bool

from course_flags import fresh_cell_ids
from well_formed_text import well_formed_text


def _finite_numbers(nb):
    """Every NaN, Infinity and -Infinity in the notebook made None, in place; without recursion."""
    stack = [nb]
    while stack:
        value = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in list(items):
            if isinstance(item, float) and not math.isfinite(item):
                value[key] = None
            elif isinstance(item, (dict, list)):
                stack.append(item)


# An attachment is shown only where its cell names it (`![image.png](attachment:image.png)`, as
# JupyterLab writes a pasted image); nbconvert checks the whole notebook against the schema after
# each of autograde's steps, each attachment on its own: 200,000 of them named nowhere (9 MB) took
# it 1.5 s a step and nbconvert's HTML 10 s, so that the 100 MB a notebook may have held the
# class's grading minutes a notebook, and its feedback and formgrader page minutes more.
_ATTACHMENT_NAME = re.compile(r"attachment:([^\s()<>\[\]\"']+)")


def _referenced(source):
    text = "".join(source) if isinstance(source, list) and all(isinstance(line, str) for line in source) else source
    if not isinstance(text, str):
        return set()
    names = set(_ATTACHMENT_NAME.findall(text))
    return names | {unquote(name) for name in names}


def _text(value):
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(line, str) for line in value))


class ValidSubmission(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        _finite_numbers(nb)
        well_formed_text(nb)
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "code":
                cell["outputs"] = []
                cell["execution_count"] = None
            if "attachments" in cell:
                attachments = cell["attachments"]
                shown = _referenced(cell.get("source"))
                kept = {name: bundle for name, bundle in attachments.items() if name in shown and isinstance(bundle, dict) and all(_text(data) for data in bundle.values())} if isinstance(attachments, dict) else {}
                if kept:
                    cell["attachments"] = kept
                else:
                    del cell["attachments"]
        fresh_cell_ids(nb)
        _, normalized = normalize(nb, strip_invalid_metadata=True)
        _strip_unrenderable(normalized)
        return nbformat.from_dict(normalized), resources


# Metadata that nbconvert's HTML templates (the feedback pages, the formgrader's page of a notebook)
# read as the type given, and that nbformat's schema lets be anything: another type raised in the
# template (`raw_mimetype.lower()`, `transient.get(...)`, `mimetype in widgets`), and the student's
# feedback, and the formgrader's page of that notebook, failed.
_CELL_METADATA_TYPES = {"raw_mimetype": str, "transient": dict}
_NOTEBOOK_METADATA_TYPES = {"widgets": dict}


def _texts(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _text_values(value):
    return isinstance(value, dict) and all(isinstance(item, str) for item in value.values())


# And metadata whose parts the schema types, which nbformat's `normalize` leaves as they are (it strips
# a key of the wrong type, not one whose items are): tags that are not all text (`[1]`, `[null]`) and
# an `execution` record of other than text (what nbclient writes there is timestamps) left the
# notebook invalid after this step, which failed the student's whole assignment. No grader reads
# either from a submission (every cell's tags are set aside while it runs, src/nbgrader/strict_tests.py).
_CELL_METADATA_CHECKS = {"tags": _texts, "execution": _text_values}


def _strip_types(metadata, types):
    if isinstance(metadata, dict):
        for key, kind in types.items():
            if key in metadata and not isinstance(metadata[key], kind):
                del metadata[key]


def _strip_unchecked(metadata, checks):
    if isinstance(metadata, dict):
        for key, check in checks.items():
            if key in metadata and not check(metadata[key]):
                del metadata[key]


def _strip_unrenderable(nb):
    _strip_types(nb.get("metadata"), _NOTEBOOK_METADATA_TYPES)
    for cell in nb.get("cells", []):
        _strip_types(cell.get("metadata"), _CELL_METADATA_TYPES)
        _strip_unchecked(cell.get("metadata"), _CELL_METADATA_CHECKS)

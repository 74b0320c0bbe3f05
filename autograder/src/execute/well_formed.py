"""Text UTF-8 can encode: a JavaScript string's lone surrogate (half of a pair, "😀".slice(0, 1)),
printed, shown or in a cell's source, made writing the executed notebook fail (UnicodeEncodeError).
Used by the runner (run_notebook.py) and by nbgrader's WellFormedText (src/nbgrader/well_formed_text.py)."""
import re

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def well_formed_text(value):
    """`value` (a notebook, or any part of one) with every lone surrogate in its strings and keys
    replaced by U+FFFD, in place where it can be."""
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

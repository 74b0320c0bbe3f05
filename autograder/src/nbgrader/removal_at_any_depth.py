"""nbgrader's own removal of an assignment's folder reaches any depth.

`nbgrader autograde --force` (and a submission newer than its autograded copy) removes
`autograded/<student>/<assignment>/` with `shutil.rmtree`, which recurses once a level, and does so
again when that fails (`_handle_failure`, outside nbgrader's catch of a student's errors). A folder
nested 2000 deep there, as a kernel left before the course's Execute removed what it wrote (an
older version of ours, or an `autograde` stopped while that kernel ran), raised RecursionError
twice, and the second stopped `nbgrader autograde` for every student after that one.
`removal_at_any_depth()`, called by nbgrader_config.py, gives nbgrader's converters the course's
removal, which keeps every path short (set_aside._remove).
"""
from set_aside import _remove


def removal_at_any_depth():
    from nbgrader import utils
    from nbgrader.converters import base

    utils.rmtree = _remove
    base.rmtree = _remove

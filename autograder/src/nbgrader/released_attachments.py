"""A released cell keeps only the attachments its text still names.

nbgrader's ClearSolutions replaces a written answer with its stub and ClearMarkScheme takes a task's
mark scheme out, but neither touches the cell's `attachments`: a picture pasted into the solution
(a photographed derivation, a plot of the answer) or into the mark scheme went out in the student's
notebook, as base64 in its JSON, which any student reads with a text editor or a line of code. Both
releases (generate_assignment on the hub, `npm run release` through src/release/release_notebooks.py)
run this step after those two.
"""
from urllib.parse import quote

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool


def _named(name, source):
    return f"attachment:{name}" in source or f"attachment:{quote(name)}" in source


class ReleasedAttachments(Preprocessor):
    # nbconvert's preprocessors are off unless enabled
    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        attachments = cell.get("attachments")
        if attachments:
            kept = {name: data for name, data in attachments.items() if _named(name, cell.source)}
            if kept:
                cell.attachments = kept
            else:
                del cell["attachments"]
        return cell, resources


def with_released_attachments(steps):
    """generate_assignment's steps with this one right after ClearMarkScheme (after ClearSolutions)."""
    from nbgrader.preprocessors import ClearMarkScheme

    steps = list(steps)
    steps.insert(steps.index(ClearMarkScheme) + 1, ReleasedAttachments)
    return steps

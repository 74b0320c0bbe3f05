"""Test cells run as the course wrote them under `nbgrader autograde`, as under `npm run autograde`.

tslab compiles cells to sloppy JavaScript, where a function of the student's that a test calls
can read its caller (`f.caller`): the test's compiled code, hidden tests included, which it
could print into the output that the feedback page shows. A strict caller is hidden (null).
And nbgrader restores a test cell's source, type and points, but not the rest of its metadata:
a test cell that a submission tags `skip-execution` is skipped by nbclient, so it has no error
output, which nbgrader counts as passed. A test cell's tags are the student's, not the course's,
and decide nothing about how it runs.
StrictTests, right before Execute, puts `"use strict"; ` on the first line of every test cell
(so that its line numbers stay) and sets its tags aside; LooseTests, right after, gives both
back, so that the autograded notebook and the feedback show the test as the course wrote it.
(autograder/src/grade/attestation.mjs does the same in the project's grader, whose runner
reads no tags.)
"""
from nbconvert.preprocessors import Preprocessor

PREFIX = '"use strict"; '
_KEY = "neural_mi_strict_tests"


def _is_test(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution") and cell.source.strip() != ""


class StrictTests(Preprocessor):
    def preprocess(self, nb, resources):
        changed = {}
        for index, cell in enumerate(nb.cells):
            if _is_test(cell):
                cell.source = PREFIX + cell.source
                changed[index] = cell.metadata.pop("tags", None)
        resources[_KEY] = changed
        return nb, resources


class LooseTests(Preprocessor):
    def preprocess(self, nb, resources):
        for index, tags in resources.pop(_KEY, {}).items():
            cell = nb.cells[index]
            if cell.source.startswith(PREFIX):
                cell.source = cell.source[len(PREFIX):]
            if tags is not None:
                cell.metadata["tags"] = tags
        return nb, resources

"""Test cells run as the course wrote them under `nbgrader autograde`, as under `npm run autograde`.

tslab compiles cells to sloppy JavaScript, where a function of the student's that a test calls
can read its caller (`f.caller`): the test's compiled code, hidden tests included, which it
could print into the output that the feedback page shows. A strict caller is hidden (null).
nbgrader restores a test cell's source, type and points, but not the rest of its metadata:
a test cell that a submission tags `skip-execution` is skipped by nbclient, so it has no error
output, which nbgrader counts as passed. A cell's tags are the student's, not the course's, and
decide nothing about how it runs: an answer tagged so was skipped too, and its test failed under
nbgrader alone (`npm run autograde`'s runner reads no tags).
And a result that the student's code prints (a `NEURAL_MI_RESULT` line from a microtask, after
the test's own) would be the cell's last, the one ReportedChecks reads.

StrictTests, right before Execute, puts `"use strict"; ` on the first line of every test cell
(so that its line numbers stay) and a token made for this run and this cell into each of its
`reportResult({` calls (ReportedChecks counts only results carrying it), and sets every cell's
tags aside; LooseTests, right after, gives the sources and the tags back, so that the autograded
notebook and the feedback show the test as the course wrote it and the cells as handed in.
(autograder/src/grade/attestation.mjs does the same in the project's grader, whose runner
reads no tags.)
"""
import json
import re
import secrets

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

PREFIX = '"use strict"; '
_KEY = "neural_mi_strict_tests"
# every cell's tags, set aside while Execute runs
_TAGS = "neural_mi_set_aside_tags"
# the tokens of the test cells, by index, for ReportedChecks
ATTESTATIONS = "neural_mi_attestations"
_CALL = re.compile(r"\breportResult\(\{")


def _is_test(cell):
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution") and cell.source.strip() != ""


class StrictTests(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        originals = {}
        tokens = {}
        tags = {}
        for index, cell in enumerate(nb.cells):
            if "tags" in cell.get("metadata", {}):
                tags[index] = cell.metadata.pop("tags")
            if _is_test(cell):
                originals[index] = cell.source
                tokens[index] = secrets.token_hex(16)
                call = "reportResult({ attestation: " + json.dumps(tokens[index]) + ", "
                cell.source = PREFIX + _CALL.sub(lambda _match, call=call: call, cell.source)
        resources[_KEY] = originals
        resources[_TAGS] = tags
        resources[ATTESTATIONS] = tokens
        return nb, resources


class LooseTests(Preprocessor):
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        for index, source in resources.pop(_KEY, {}).items():
            nb.cells[index].source = source
        for index, tags in resources.pop(_TAGS, {}).items():
            nb.cells[index].metadata["tags"] = tags
        return nb, resources

"""The student release, made by nbgrader's own preprocessors.

    python release_notebooks.py < job.json > results.json

The job is {"stubs": {"language", "code", "text"}, "notebooks": [<notebook>, ...]} (the stubs of
autograder/stubs.json, which the course's nbgrader_config.py gives ClearSolutions too). Every
notebook goes through the steps of `nbgrader generate_assignment`, in its order, on nbconvert's
NotebookExporter as nbgrader's converters run them; only SaveCells, which records the cells in
nbgrader's database, is left out. What the notebook is at that point is the reference version
(solutions stubbed, hidden tests kept: grading restores test cells from it); after the steps
that follow it is the student version.

Prints one result per notebook, in order: {"reference": <file text>, "student": <file text>,
"warnings": [...]}, both texts as nbformat writes them, or {"error": ..., "cell": <index or
null>, "warnings": [...]} for a notebook nbgrader rejects. One process releases a whole course:
importing nbgrader takes a second or two.
"""

import copy
import json
import logging
import os
import sys

# jsonschema imports rfc3987_syntax (when installed) only to check "iri" formats, which
# notebook validation never uses; that import builds a parser and takes seconds.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from nbconvert.exporters import NotebookExporter  # noqa: E402
from nbgrader.converters.generate_assignment import GenerateAssignment  # noqa: E402
from nbgrader.preprocessors import SaveCells  # noqa: E402
from traitlets.config import Config  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nbgrader"))
from released_attachments import with_released_attachments  # noqa: E402


def release_steps():
    """generate_assignment's preprocessors as the course configures them (nbgrader_config.py, but for its
    source checks, which `npm run release` makes itself), split where SaveCells records the reference version."""
    steps = with_released_attachments(GenerateAssignment.class_traits()["preprocessors"].default())
    at = steps.index(SaveCells)
    return steps[:at], steps[at + 1 :]


def exporter(steps, stubs):
    config = Config()
    config.Exporter.default_preprocessors = []
    config.ClearSolutions.code_stub = {stubs["language"]: stubs["code"]}
    config.ClearSolutions.text_stub = stubs["text"]
    made = NotebookExporter(config=config)
    for step in steps:
        made.register_preprocessor(step, enabled=True)
    return made


class Messages(logging.Handler):
    """nbgrader logs the details of a rejected notebook (and warnings) before it raises."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def take(self, level):
        taken = [gist(r.getMessage()) for r in self.records if r.levelno == level]
        self.records = [r for r in self.records if r.levelno != level]
        return taken


def gist(message):
    """A logged message's first line; a logged traceback's last, which says what was wrong."""
    lines = [line for line in message.split("\n") if line.strip()]
    return (lines[-1] if lines[0].startswith("Traceback") else lines[0]) if lines else ""


def failing_cell(steps, stubs, nb):
    """The first cell that nbgrader rejects on its own, or None when the notebook as a whole fails."""
    for index, cell in enumerate(nb.cells):
        alone = copy.deepcopy(nb)
        alone.cells = [cell]
        try:
            exporter(steps, stubs).from_notebook_node(alone)
        except Exception:
            return index
    return None


def release(nb, stubs, reference_steps, student_steps, messages):
    try:
        reference, _ = exporter(reference_steps, stubs).from_notebook_node(nb)
        student, _ = exporter(student_steps, stubs).from_notebook_node(nbformat.reads(reference, as_version=4))
        return {"reference": reference, "student": student, "warnings": messages.take(logging.WARNING)}
    except Exception as error:
        details = messages.take(logging.ERROR)
        cell = failing_cell(reference_steps + student_steps, stubs, nb)
        messages.take(logging.ERROR)
        return {
            "error": "; ".join(dict.fromkeys(details + [str(error)])),
            "cell": cell,
            "warnings": messages.take(logging.WARNING),
        }


def main():
    job = json.load(sys.stdin)
    messages = Messages()
    logging.getLogger("traitlets").addHandler(messages)
    reference_steps, student_steps = release_steps()
    results = [
        release(nbformat.from_dict(notebook), job["stubs"], reference_steps, student_steps, messages)
        for notebook in job["notebooks"]
    ]
    json.dump({"results": results}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

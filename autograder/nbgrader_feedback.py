"""What nbgrader's feedback pages show students, made readable and discreet.

nbgrader's generate_feedback renders the autograded notebook, whose test cells hold the
hidden tests again (nbgrader issues #917 and #1363): a student's feedback would reveal
them, and with them, often, the answer. autograder/nbgrader_config.py adds this step to
GenerateFeedback: each hidden-test region becomes one comment line saying it is hidden,
and an error's traceback loses the lines that quote hidden-test code. The error's name
and message stay: they say in words what went wrong.
"""
import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Lines this short ("}", "return x;") quote nothing worth hiding and occur everywhere.
MIN_QUOTED = 12


class HideHiddenTests(NbGraderPreprocessor):
    begin = Unicode("BEGIN HIDDEN TESTS", help="Marks the start of a hidden-test region").tag(config=True)
    end = Unicode("END HIDDEN TESTS", help="Marks the end of a hidden-test region").tag(config=True)
    notice = Unicode(
        "// (hidden tests, run when the notebook was graded: not shown)",
        help="The line that stands in for a hidden-test region",
    ).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or self.begin not in cell.source:
            return cell, resources
        kept, hidden, inside = [], [], False
        for line in cell.source.split("\n"):
            if self.begin in line:
                inside = True
                kept.append(line[: len(line) - len(line.lstrip())] + self.notice)
            elif inside and self.end in line:
                inside = False
            elif inside:
                hidden.append(line.strip())
            else:
                kept.append(line)
        cell.source = "\n".join(kept)
        quoted = [line for line in hidden if len(line) >= MIN_QUOTED]
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [
                    line for line in output.get("traceback", []) if not any(q in ANSI.sub("", line) for q in quoted)
                ]
        return cell, resources

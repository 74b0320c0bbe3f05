"""What nbgrader's feedback pages show students, made readable and discreet.

nbgrader's generate_feedback renders the autograded notebook, whose test cells hold the
hidden tests again (nbgrader issues #917 and #1363): a student's feedback would reveal
them, and with them, often, the answer. autograder/nbgrader_config.py adds this step to
GenerateFeedback: each hidden-test region becomes one comment line saying it is hidden,
and an error's traceback loses the lines that quote hidden-test code. The error's name
and message stay: they say in words what went wrong. A TypeScript diagnostic about a hidden
line is the exception: its message is the compiler's, not the test's, and a submission
chooses the types it compares against (an answer taking a parameter of type `7` made a
hidden call's diagnostic read "Argument of type '20000' is not assignable to parameter of
type '7'"), so it is replaced. The autograder's feedback does the same
(src/grade/hide-hidden-tests.mjs). A task cell's mark scheme, which autograde puts back as well,
is left out of the feedback (HideMarkSchemes).
"""
import re

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import List, Unicode


class FeedbackStep(NbGraderPreprocessor):
    """nbgrader's base class redefines nbconvert's configurable `display_data_priority` as not configurable, and
    generate_feedback's HTML exporter configures it for every step: each step so based printed "Config option
    `display_data_priority` not recognized" twice in the instructor's terminal at every generate_feedback. Made
    configurable again here, as nbgrader's own GetGrades does."""

    display_data_priority = List(["text/html", "application/pdf", "text/latex", "image/svg+xml", "image/png", "image/jpeg", "text/plain"]).tag(config=True)

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Lines this short ("}", "return x;") quote nothing worth hiding and occur everywhere.
MIN_QUOTED = 12
HIDDEN_DIAGNOSTIC = (
    "the hidden tests do not compile with this notebook's code (not shown):"
    " check that each answer's types are as the exercise gives them"
)
# tslab's line of a diagnostic: "<line>:<column> - <message>", after a file name when the
# diagnostic is about another file; its chained messages and the quoted line follow, indented.
DIAGNOSTIC = re.compile(r"^(\S+ )?(\d+):(\d+) - ")


def without_hidden_diagnostics(lines, hidden_lines):
    """Each diagnostic about a hidden line reduced to its position, the lines under it dropped."""
    kept, hiding = [], False
    for line in lines:
        diagnostic = DIAGNOSTIC.match(ANSI.sub("", line))
        if diagnostic:
            hiding = diagnostic.group(1) is None and int(diagnostic.group(2)) in hidden_lines
            kept.append(f"{diagnostic.group(2)}:{diagnostic.group(3)} - {HIDDEN_DIAGNOSTIC}" if hiding else line)
        elif not hiding:
            kept.append(line)
    return kept


def cut_regions(source, begin, end, notice):
    """The lines of `source` with each region, from a line holding `begin` to one holding `end`, replaced
    by the line `notice(begin_line)`; and the lines cut out, by their number (from 1)."""
    kept, cut, inside = [], {}, False
    for number, line in enumerate(source.split("\n"), start=1):
        if begin in line:
            inside = True
            kept.append(notice(line))
        elif inside and end in line:
            inside = False
        elif inside:
            cut[number] = line
        else:
            kept.append(line)
    return kept, cut


class HideHiddenTests(FeedbackStep):
    begin = Unicode("BEGIN HIDDEN TESTS", help="Marks the start of a hidden-test region").tag(config=True)
    end = Unicode("END HIDDEN TESTS", help="Marks the end of a hidden-test region").tag(config=True)
    notice = Unicode(
        "// (hidden tests, run when the notebook was graded: not shown)",
        help="The line that stands in for a hidden-test region",
    ).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or self.begin not in cell.source:
            return cell, resources
        kept, hidden = cut_regions(cell.source, self.begin, self.end, lambda line: line[: len(line) - len(line.lstrip())] + self.notice)
        cell.source = "\n".join(kept)
        hidden_lines = set(hidden)
        quoted = [line.strip() for line in hidden.values() if len(line.strip()) >= MIN_QUOTED]
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                if output.get("ename") == "TypeScriptError":
                    if isinstance(output.get("evalue"), str):
                        output["evalue"] = "\n".join(without_hidden_diagnostics(output["evalue"].split("\n"), hidden_lines))
                    output["traceback"] = without_hidden_diagnostics(
                        [str(line) for line in output.get("traceback", [])], hidden_lines
                    )
                output["traceback"] = [
                    line for line in output.get("traceback", []) if not any(q in ANSI.sub("", line) for q in quoted)
                ]
        return cell, resources


class HideMarkSchemes(FeedbackStep):
    """A task cell's mark scheme is left out of the feedback: autograde puts the (locked) cell back as the
    instructor wrote it, and the feedback showed the student the mark scheme of each task of an
    instructor's own assignment. The autograded notebook keeps it, for the formgrader's graders: while a
    later notebook of the student's runs, the earlier ones are out of its kernel's reach (set_aside.py)."""

    mark_scheme_begin = Unicode("BEGIN MARK SCHEME", help="Marks the start of a mark-scheme region").tag(config=True)
    mark_scheme_end = Unicode("END MARK SCHEME", help="Marks the end of a mark-scheme region").tag(config=True)
    mark_scheme_notice = Unicode(
        "(the mark scheme, for the graders: not shown)",
        help="The line that stands in for a mark-scheme region",
    ).tag(config=True)

    def without_mark_scheme(self, source):
        kept, _ = cut_regions(source, self.mark_scheme_begin, self.mark_scheme_end, lambda line: self.mark_scheme_notice)
        return "\n".join(kept)

    def preprocess_cell(self, cell, resources, index):
        if self.mark_scheme_begin in cell.source:
            cell.source = self.without_mark_scheme(cell.source)
        return cell, resources

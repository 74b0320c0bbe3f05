"""What the pages of an autograded notebook show of the student's own text, cut to what a person reads.

nbgrader's `generate_feedback` and the formgrader's page of a notebook render it with nbconvert,
whose markdown (mistune, and an anchor parsed by ElementTree for every heading) takes about 35 µs
a character of headings, and whose highlighting of code about 80 µs a token: a written answer of
20 MB of `#` lines, which the notebook's cap lets through, took `generate_feedback` 8 minutes, and a
code cell of 1 MB of statements 90 s, each time the instructor opened its page in the formgrader
too (whose server answers nothing else meanwhile), and the class's feedback waited behind it.

ShownText, after the notebook ran and its HTML was made inert (what ran and was graded is the whole cell), keeps of each of the
student's markdown and code cells (a cell whose text is not one of the course's) its first
MAX_CELL_CHARS characters, and of all of them together MAX_NOTEBOOK_CHARS, with a note saying how
much was left out and the SHA-256 of the whole cell: the student reads it in her feedback and the
instructor in the formgrader, and the whole cell stays in the submitted notebook. A written answer
is kept in `npm run autograde`'s reports to the same length (src/grade/grade-cells.mjs).

And a terminal's colour codes (`\x1b[1m`), which nbconvert turns into HTML at about 16 µs each: a
cell printing 20 MB of them, which the output limits let through, took 5 minutes a page. The pages
show the colours of the notebook's first MAX_ESCAPES of them, in its outputs' text and
tracebacks; past those the text is shown without its colour codes, as `npm run autograde`'s reports
show every output.
"""
import re
import hashlib

from nbconvert.preprocessors import Preprocessor
from nbgrader.coursedir import CourseDirectory
from traitlets import Bool

from course_cells import course_notebook

MAX_CELL_CHARS = 100_000
MAX_NOTEBOOK_CHARS = 200_000
MAX_ESCAPES = 20_000
# a control sequence as nbconvert's ansi2html reads one
_ESCAPE = re.compile("\x1b\\[[^@-~\n]*[@-~]")


def cut_note(text, kept, comment=""):
    """`text` cut to its first `kept` characters and a note; `comment` starts the note's line (in a
    code cell, `//`: highlighted as one comment, a page took 3 ms a cell where its words as code took
    13 ms, for each of up to 5,000 cells past the notebook's bound: 65 s)."""
    whole = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return (
        f"{text[:kept]}\n\n{comment}[… {len(text) - kept} more characters of this cell, left out of the pages by the autograder, "
        f"which shows {MAX_CELL_CHARS} of a cell and {MAX_NOTEBOOK_CHARS} of all the student's cells of a notebook "
        f"(SHA-256 of the whole cell: {whole}); the whole cell is in the submitted notebook]"
    )


class ShownText(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        coursedir = CourseDirectory(parent=self)
        course = course_notebook("ShownText", coursedir, coursedir.source_directory, resources["nbgrader"])
        course_texts = {cell.source for cell in course.cells}
        left = MAX_NOTEBOOK_CHARS
        for cell in nb.cells:
            if cell.cell_type not in ("markdown", "code") or cell.source in course_texts:
                continue
            kept = min(MAX_CELL_CHARS, left)
            if len(cell.source) > kept:
                cell.source = cut_note(cell.source, kept, "// " if cell.cell_type == "code" else "")
            left -= min(len(cell.source), kept)
        escapes = [MAX_ESCAPES]
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                _output_escapes(output, escapes)
        return nb, resources


def _kept_escapes(text, escapes):
    """`text` with the colour codes past what `escapes[0]` still allows taken out; counts them off."""
    if escapes[0] <= 0:
        return _ESCAPE.sub("", text)
    found = [0]

    def keep(match):
        found[0] += 1
        return match.group(0) if found[0] <= escapes[0] else ""

    text = _ESCAPE.sub(keep, text)
    escapes[0] -= found[0]
    return text


def _output_escapes(output, escapes):
    if isinstance(output.get("text"), str):
        output["text"] = _kept_escapes(output["text"], escapes)
    if isinstance(output.get("traceback"), list):
        output["traceback"] = [_kept_escapes(line, escapes) if isinstance(line, str) else line for line in output["traceback"]]
    data = output.get("data")
    if isinstance(data, dict) and isinstance(data.get("text/plain"), str):
        data["text/plain"] = _kept_escapes(data["text/plain"], escapes)

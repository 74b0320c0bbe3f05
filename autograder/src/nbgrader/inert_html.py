"""What a submission puts in its autograded notebook runs no code in the instructor's browser.

nbgrader's formgrader shows each autograded notebook to the instructor, in the Jupyter server
where they are logged in, as nbconvert renders it: a markdown cell's HTML as written (its
`formgrade` template does not clean it), a `text/html` or `text/markdown` output as written and
an `application/javascript` output as a script (nbconvert's `sanitize_html` is off). A written
answer holding `<img src=x onerror="...">`, or a cell of the student's displaying such HTML
(`tslab.display.html`), would run in the instructor's session while they grade it by hand, and
could enter its own points through the formgrader's API. InertHtml, the last of the steps
around Execute (before nbgrader saves the grades), keeps of every output only the kinds nbconvert
shows without running anything (text, images; SVG is shown as an image), the course's own JSON
(plots, results) and HTML cleaned of all but plain markup, without attributes (a class let a display
pass for nbgrader's own score box in the formgrader and the feedback) (tables such as chapter 1's sample
table, whose values a cell could have chosen). In the student's markdown cells, a space after
each `<` that could open a tag and after each `]` that could open a link's target (`](`, `]:`,
`][`) leaves no HTML and no link (a `javascript:` link runs when clicked, and nbconvert decodes
any escape of its scheme); math reads the same to MathJax, and text only gains the spaces. The
student's raw cells get the same space after each `<`: nbconvert writes a raw cell of no format
(JupyterLab's default) or of `text/html` into the page as HTML, cleaned by its `clean_html`, which
keeps `class` and `id` on every tag, so a raw cell's `<div class="navbar-fixed-top">` (bootstrap,
which both pages load) lay fixed over the page's own heading with a score of its choosing. And a
cell's tags, which the page writes into the cell's `class` as `celltag_<tag>`, lose their white
space: a tag `x navbar-fixed-top` gave the whole cell that class. The course's own markdown and
raw cells stay as they are.

An output's value is read as nbformat has it, a string or a list of strings (joined when the notebook
is read again: a `text/html` shown as a list, which tslab's `display.bundle` sends as given, went
uncleaned into the page), and a kind other than JSON whose value is neither is left out; and an
output keeps no metadata, which nbconvert writes into the page as the student gave it: an image's
`width` and `height` stand unquoted in its tag, so that `{"width": "1 onerror=..."}` on an image
whose data is not an image ran the student's script as the instructor opened the notebook.
"""
import re

import bleach

from nbconvert.preprocessors import Preprocessor
from nbgrader.coursedir import CourseDirectory
from traitlets import Bool

from course_cells import course_notebook
from reported_checks import RESULT_MIME

# what nbconvert's HTML shows as text or as an image, and JSON it does not show at all
_INERT = {
    "text/plain",
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/svg+xml",
    "application/vnd.plotly.v1+json",
    RESULT_MIME,
}
# plain markup: no script, no event handler, no style, no link to javascript:
# kinds whose value is JSON (an object), not text
_JSON = {"application/vnd.plotly.v1+json", RESULT_MIME}
_MARKUP = [*bleach.ALLOWED_TAGS, "div", "span", "p", "br", "pre", "code", "sub", "sup", "table", "caption", "thead", "tbody", "tr", "th", "td"]
_TAG_OPENING = re.compile(r"<(?=[A-Za-z/!?])")
_LINK_TARGET = re.compile(r"\](?=[(:\[])")
# what splits an HTML class attribute into several classes
_WHITE_SPACE = re.compile(r"\s")
_LEFT_OUT = "(an output of a kind that would run code in the grader's browser was left out)"


class InertHtml(Preprocessor):
    # nbconvert's preprocessors are off unless enabled (nbgrader calls each one, which then does nothing)
    enabled = Bool(True).tag(config=True)

    def preprocess(self, nb, resources):
        coursedir = CourseDirectory(parent=self)
        course = course_notebook("InertHtml", coursedir, coursedir.source_directory, resources["nbgrader"])
        self._course_markdown = {cell.source for cell in course.cells if cell.cell_type == "markdown"}
        self._course_raw = {cell.source for cell in course.cells if cell.cell_type == "raw"}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown" and cell.source not in self._course_markdown:
            cell.source = _LINK_TARGET.sub("] ", _TAG_OPENING.sub("< ", cell.source))
        if cell.cell_type == "raw" and cell.source not in self._course_raw:
            cell.source = _TAG_OPENING.sub("< ", cell.source)
        tags = cell.get("metadata", {}).get("tags")
        if isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
            # kept unique, as nbformat's schema wants them ("a b" and "a_b" become one)
            cell.metadata["tags"] = list(dict.fromkeys(_WHITE_SPACE.sub("_", tag) for tag in tags))
        for output in cell.get("outputs", []):
            inert_output(output)
        return cell, resources


def inert_output(output):
    """Makes an output (an nbformat output, or a display message's content: `data` and `metadata`) one that
    runs nothing in a browser: its metadata dropped, kinds that could run code left out, HTML cleaned."""
    data = output.get("data")
    if not isinstance(data, dict):
        return
    if "metadata" in output:
        output["metadata"] = {}
    for kind in list(data):
        value = _text(data[kind])
        if kind not in _INERT and kind != "text/html" or (value is None and kind not in _JSON):
            del data[kind]
        elif value is not None:
            data[kind] = value
    if "text/html" in data:
        # and no class: the formgrader's and the feedback's pages style their score boxes by
        # class (`score`, `panel-primary`, `btn-success`), which a student's display imitated
        data["text/html"] = bleach.clean(data["text/html"], tags=_MARKUP, attributes={})
    if not data:
        data["text/plain"] = _LEFT_OUT


def _text(value):
    """A value as nbformat stores text (a string, or a list of strings it joins): the string, else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return "".join(value)
    return None

"""A submitted notebook nbgrader cannot take in hand is graded as the released notebook, with a note.

`nbgrader autograde` reads each submitted notebook whole before any step of ours runs, and nothing
in its sanitizing is bounded in time or memory: a notebook of 50,000 empty markdown cells (3 MB)
took it 46 s and 375 MB, so that the 100 MB a hub lets a student hand in (1.6 million such cells)
held the grading of every student after it for half an hour and more memory than a grading machine
has. And a notebook it cannot read at all (not UTF-8 JSON, nested deeper than Python's JSON reader
goes, or deeper than MAX_NESTING, past which nbformat's reading recursed too deep; no list of cells)
failed the student's whole assignment, every notebook of it ungraded
("There was an error processing assignment"), which spared a failing notebook its grade.

`npm run autograde` refuses a notebook file over 100 MB and one that is not a notebook, and grades
the student's other notebooks (src/grade/grade-submission.mjs). Here a notebook over 100 MB, of more
than MAX_CELLS cells or that JSON cannot read is graded as the course released it (its tests run
on the released stubs, as for a notebook not handed in), with a markdown cell at its top saying why;
the student's other notebooks are graded as usual; so is one of more than 20 MB of code, text and metadata
once its outputs are left out, measured and worded as ours measures and words it (`work_bytes`). A notebook saved with a byte-order mark or as
UTF-16, which nbformat cannot read and failed the student's whole assignment, is read as our grader
reads it, with a note, and so is one holding bytes that are not UTF-8 (saved in Latin-1, say: each is
read as U+FFFD; it was graded as released, and ours graded it). One whose version nbformat cannot read (`"nbformat": 4.0`, a minor version
of 5.5, -1 or none) or metadata null, which failed it alike, is read as ours reads it too, and one of
another format than 4 or 3 (`5`, `"4"`, none) or with a cell ours refuses (a cell of type "heading",
a source that is a number, a cell that is null) is graded as released, as ours refuses it; so is a
notebook that is a symbolic link, or in a folder that is one (`_linked`).
`refuse_unreadable_notebooks()`, called by nbgrader_config.py, sets this on nbgrader's Autograde.
"""
import json
import os
import re
import stat
import tempfile

import nbformat

from well_formed_text import well_formed_text

# as ours (src/notebook/format.mjs, MAX_NOTEBOOK_FILE_BYTES): nbgrader's own CourseDirectory.max_file_size, 100000 kB
MAX_NOTEBOOK_BYTES = 100_000_000

# the course's notebooks have 25 to 57 cells; a student's own cells added, far fewer than this
MAX_CELLS = 5000
# as ours refuses a submission (src/grade/grade-notebook.mjs, MAX_SUBMITTED_DEPTH): JSON's reader
# goes some 1000 levels deep, but nbformat's reading of the notebook recurses two frames a level and
# raised RecursionError at 600 (metadata nested so), which failed the student's whole assignment
MAX_NESTING = 100
# lists, objects and their entries, as ours counts them before it reads a submission (src/notebook/format.mjs,
# jsonEntries and MAX_SUBMITTED_ENTRIES): a saved notebook of the course holds a few thousand, the largest plot
# the library draws a million; 99 MB of `{}` in an output (33 million) took this reading 23 s and 5 GB, and
# nbformat's reading after it as much again, and stopped our grader's whole run out of memory
MAX_ENTRIES = 5_000_000
# a JSON string, escapes included (what jsonEntries skips)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
# code, text and metadata, outputs left out, as `npm run autograde` bounds them (its notebook output
# cap, src/execute/execute-notebook.mjs notebookOutputMb; measured alike, src/notebook/work-size.mjs)
MAX_WORK_MB = 20


def _megabytes(size):
    """A size in MB of 10**6 bytes, as the bound is given (100, 100.5)."""
    return str(size // 10**6) if size % 10**6 == 0 else f"{size / 1e6:.1f}"


def why_refused(path):
    """Why nbgrader should not read the notebook at `path`, or None."""
    return examine(path)[0]


# what `npm run autograde` reads too (src/notebook/format.mjs): UTF-8 with a byte-order mark, UTF-16
_ENCODINGS = [(b"\xef\xbb\xbf", "utf-8-sig", "with a byte-order mark"), (b"\xff\xfe", "utf-16", "as UTF-16"), (b"\xfe\xff", "utf-16", "as UTF-16")]


def examine(path):
    """(why nbgrader should not read the notebook at `path`, or None; and, for a notebook nbformat
    does not read as it is but ours does (saved in another encoding, a format version or metadata
    nbformat refuses), the text to read instead and how it was saved, None when only repaired)."""
    linked = _linked(path)
    if linked is not None:
        return linked, None
    try:
        info = os.stat(path)
    except OSError as error:
        return f"it cannot be opened ({type(error).__name__})", None
    # a folder, a device or a pipe named like a notebook (read whole, /dev/zero never ends)
    if not stat.S_ISREG(info.st_mode):
        return "it is not a file", None
    if info.st_size > MAX_NOTEBOOK_BYTES:
        return f"the file has {_megabytes(info.st_size)} MB (at most {_megabytes(MAX_NOTEBOOK_BYTES)})", None
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_NOTEBOOK_BYTES + 1)
    except OSError as error:
        return f"it cannot be opened ({type(error).__name__})", None
    if len(data) > MAX_NOTEBOOK_BYTES:
        return f"the file has more than {_megabytes(MAX_NOTEBOOK_BYTES)} MB", None
    encoding, saved = "utf-8", None
    for mark, name, how in _ENCODINGS:
        if data.startswith(mark):
            encoding, saved = name, how
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        # bytes of another encoding (an editor's Latin-1 "é"), read as U+FFFD as our grader reads
        # them (src/notebook/format.mjs): the notebook was graded as released
        text = data.decode(encoding, errors="replace")
        saved = f"{saved} and " if saved else ""
        saved += "with bytes that are not UTF-8 (another encoding, such as Latin-1), each read as \ufffd"
    if json_entries(text) > MAX_ENTRIES:
        return (
            f"it holds more than {MAX_ENTRIES} entries of lists and objects, more than any saved notebook of the course "
            "(a few thousand, and a million in the largest plot the library draws): clear its outputs and save it again"
        ), None
    long_integers = []
    try:
        notebook = json.loads(text, parse_int=lambda digits: _integer(digits, long_integers))
    except RecursionError:
        return "it is nested too deeply to be read", None
    except (UnicodeDecodeError, ValueError) as error:
        return f"it is not a notebook nbgrader can read ({type(error).__name__})", None
    if _nesting_depth(notebook, MAX_NESTING) > MAX_NESTING:
        return f"it nests its data more than {MAX_NESTING} levels deep", None
    cells = _cells(notebook)
    if cells is None:
        return "it is not a notebook nbgrader can read (no list of cells)", None
    if cells > MAX_CELLS:
        return f"it has {cells} cells (at most {MAX_CELLS})", None
    too_much = work_size_reason(work_bytes(notebook), MAX_WORK_MB)
    if too_much is not None:
        return too_much, None
    version = _version(notebook)
    if isinstance(version, str):
        return version, None
    repaired = bool(long_integers)
    if version[0] == 3:
        # converted as ours converts it: nbformat's conversion raised on what ours reads (outputs
        # that are a number or null, a heading's level written as text, metadata null, a worksheet
        # without cells), which failed the student's whole assignment
        notebook, version, repaired = _from_format3(notebook), (4, 0), True
    if any(type(notebook.get(key)) is not int or notebook.get(key) != value for key, value in zip(("nbformat", "nbformat_minor"), version)):
        notebook = {**notebook, "nbformat": version[0], "nbformat_minor": version[1]}
        repaired = True
    if version[0] == 4:
        reason, cells = _cells_as_ours_read_them(notebook["cells"])
        if reason is not None:
            return reason, None
        if cells is not None or not isinstance(notebook.get("metadata"), dict):
            notebook = {**notebook, "cells": cells or notebook["cells"], "metadata": notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}}
            repaired = True
    if repaired:
        return None, (json.dumps(notebook), saved)
    return None, (text, saved) if saved else None


def json_entries(text):
    """The `[`, `{` and `,` of `text` outside its strings, as ours counts them (src/notebook/format.mjs)."""
    bare = _STRING.sub("", text)
    return bare.count("[") + bare.count("{") + bare.count(",")


def _without_outputs(cell):
    return {key: value for key, value in cell.items() if key != "outputs"} if isinstance(cell, dict) else cell


def work_bytes(notebook):
    """How much code, text and metadata a notebook read as JSON holds, as `npm run autograde` counts
    it (src/notebook/work-size.mjs): each cell's outputs left out, written compactly in UTF-8, a lone
    surrogate as its escape (as JavaScript writes it). nbgrader graded a notebook of 20 MB of short
    headings in a 30 MB file, which ours refused."""
    read = dict(notebook)
    if isinstance(read.get("cells"), list):
        read["cells"] = [_without_outputs(cell) for cell in read["cells"]]
    if isinstance(read.get("worksheets"), list):
        read["worksheets"] = [{**sheet, "cells": [_without_outputs(cell) for cell in sheet["cells"]]} if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list) else sheet for sheet in read["worksheets"]]
    size = len(json.dumps(read, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "backslashreplace"))
    return size + sum(len(_js_number(number)) - len(json.dumps(number)) for number in _numbers(read))


def _numbers(value):
    """The numbers in `value` (not booleans), without recursion."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, (int, float)) and not isinstance(item, bool):
            yield item


def _js_number(number):
    """A number as JavaScript's JSON.stringify writes it: Python writes 1.0, 1e+16 and a whole number
    of 22 digits otherwise (1, 10000000000000000, 1.2345678901234568e+21), so that a notebook of
    many such numbers measured differently by the two graders."""
    if isinstance(number, int):
        if abs(number) < 2**53:
            return str(number)
        try:
            number = float(number)
        except OverflowError:
            return "null"
    if number != number or number in (float("inf"), float("-inf")):
        return "null"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    mantissa, _, exponent = repr(abs(number)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    point = len(whole) + int(exponent or 0) - (len(whole + fraction) - len(digits))
    digits = digits.rstrip("0")
    if len(digits) <= point <= 21:
        text = digits + "0" * (point - len(digits))
    elif 0 < point <= 21:
        text = digits[:point] + "." + digits[point:]
    elif -6 < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        power = point - 1
        text = (digits[0] + ("." + digits[1:] if len(digits) > 1 else "")) + ("e+" if power >= 0 else "e-") + str(abs(power))
    return sign + text


def work_size_reason(size, limit_mb):
    """Why a notebook of `size` bytes of work is refused, in the words of `npm run autograde`, or None."""
    if size <= limit_mb * 2**20:
        return None
    tenths = -(-size * 10 // 2**20)
    return (f"without its outputs the notebook has {tenths // 10}.{tenths % 10} MB of code, text and metadata, "
            f"over the {limit_mb} MB a notebook may have; remove what is not part of the work and resubmit")


def _nesting_depth(value, limit):
    """How deeply lists and objects nest in `value` (counted without recursion), up to just past `limit`."""
    deepest = 0
    pending = [(value, 1)] if isinstance(value, (dict, list)) else []
    while pending:
        item, depth = pending.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, (dict, list)):
                pending.append((child, depth + 1))
    return deepest


# Python refuses to read an integer written with more digits than this (int_max_str_digits)
_MOST_DIGITS = 4300


def _integer(digits, long_integers):
    """An integer of the file, or None for one written with more digits than Python reads (JSON has
    no bound): JavaScript reads it as Infinity, which our grader writes as null, and Python's json
    raised, so that a notebook holding `"metadata": {"x": 111…}` of 5,000 digits was graded as
    released under nbgrader, and in full by ours."""
    if len(digits) - digits.startswith("-") <= _MOST_DIGITS:
        return int(digits)
    long_integers.append(len(digits))
    return None


def _lines(value):
    return isinstance(value, str) or (isinstance(value, list) and all(isinstance(line, str) for line in value))


def _cells_as_ours_read_them(cells):
    """(why our grader refuses a cell of format 4, or None; and the cells with a metadata or source
    nbformat cannot take (null, none) made empty, as ours reads them, or None when none was).
    nbformat raised on such cells (a cell's metadata null, a cell of type "heading", a source that
    is a number), which failed the student's whole assignment."""
    repaired = []
    changed = False
    for index, cell in enumerate(cells):
        where = f"cell {index + 1}"
        if not isinstance(cell, dict):
            return f"{where} is not an object", None
        if cell.get("cell_type") not in ("code", "markdown", "raw"):
            return f"{where} has cell_type {json.dumps(cell.get('cell_type'))} (expected code, markdown or raw)", None
        source = cell.get("source")
        if source is not None and not _lines(source):
            return f"{where} has a source that is neither text nor a list of lines", None
        if source is None or not isinstance(cell.get("metadata"), dict):
            cell = {**cell, "source": "" if source is None else source, "metadata": cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}}
            changed = True
        mended = _mended_parts(cell)
        if mended is not None:
            cell = mended
            changed = True
        repaired.append(cell)
    return None, repaired if changed else None


_OUTPUT_TYPES = ("stream", "display_data", "execute_result", "error")


def _plain_output(output):
    """Whether nbformat reads `output` as an output (its reading raised on one that is not an
    object, whose data, metadata, text or traceback is of another type, or of a type of output
    given as a list)."""
    if not isinstance(output, dict) or output.get("output_type") not in _OUTPUT_TYPES:
        return False
    if any(key in output and not isinstance(output[key], dict) for key in ("data", "metadata")):
        return False
    if any(not (_lines(value) or isinstance(value, dict)) for value in output.get("data", {}).values()):
        return False
    if "text" in output and not _lines(output["text"]):
        return False
    traceback = output.get("traceback", [])
    return isinstance(traceback, list) and all(isinstance(line, str) for line in traceback)


def _mended_parts(cell):
    """The cell with what nbformat's reading raised on and our grader leaves out made so, or None
    when there is none: saved outputs of a shape nbformat cannot read (none is graded: both graders
    clear them), attachments that are not bundles of text (ours keeps the others), and an id that is
    not text (a fresh one is given later). Each failed the student's whole assignment, every notebook
    of it ungraded, where ours graded the notebook."""
    mended = dict(cell)
    outputs = cell.get("outputs", [])
    if not (isinstance(outputs, list) and all(_plain_output(output) for output in outputs)):
        mended["outputs"] = []
    if "attachments" in cell:
        attachments = cell["attachments"]
        kept = {name: bundle for name, bundle in attachments.items() if isinstance(bundle, dict) and all(_lines(data) for data in bundle.values())} if isinstance(attachments, dict) else {}
        if kept != attachments:
            if kept:
                mended["attachments"] = kept
            else:
                del mended["attachments"]
    if "id" in cell and not isinstance(cell["id"], str):
        del mended["id"]
    return mended if mended != cell else None


def _linked(path):
    """Why a notebook at submitted/<student>/<assignment>/<notebook>.ipynb is not the student's own
    file, or None: it, or the assignment's folder, is a symbolic link, as our grader grades no link
    inside a student's folder. nbgrader read the file a link names: a notebook handed in as a link to
    `../../../source/<assignment>/<notebook>.ipynb` was graded as the course's solution, in full.
    The same for a hard link. (The student's folder is the instructor's to make, and ours grades one
    that is a link too.)"""
    for where, what in ((path, "it is"), (os.path.dirname(path), "the assignment's folder is")):
        if os.path.islink(where):
            return f"{what} a symbolic link, and links are not graded"
    # a hard link is another name of a file that may be anywhere on the disk: Python's tarfile
    # (before 3.14) unpacked a student's archive's link to that same path into one
    if os.path.isfile(path) and os.stat(path).st_nlink > 1:
        return "it is a hard link (one file under several names, the others anywhere on the disk), and links are not graded; hand in a copy"
    return None


def _whole(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and 0 <= value < 2**53


def _version(notebook):
    """(nbformat, nbformat_minor) as our grader reads them (src/notebook/format.mjs), or why the
    format is refused: nbformat reads neither a version written 4.0 nor a minor version of 5.5, -1,
    null or none, and failed the student's whole assignment on them."""
    major = notebook.get("nbformat")
    if not (_whole(major) and int(major) in (3, 4)):
        return f"its notebook format {json.dumps(major)} is not supported (expected nbformat 4, as saved by JupyterLab, or 3)"
    minor = notebook.get("nbformat_minor")
    return int(major), int(minor) if _whole(minor) else 0


def _joined(source):
    if isinstance(source, str):
        return source
    return "".join(source) if _lines(source) else ""


def _from_format3(notebook):
    """A notebook of format 3 as format 4, as our grader reads it (fromFormat3 in
    src/notebook/format.mjs): its worksheets' cells in order, a code cell's `input` as its source and
    `prompt_number` as its execution count, a heading as a markdown heading, outputs dropped."""
    rest = {key: value for key, value in notebook.items() if key != "worksheets"}
    raws = [cell for sheet in notebook["worksheets"] if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list) for cell in sheet["cells"]]
    cells = []
    for raw in raws:
        if not isinstance(raw, dict):
            cells.append(raw)
            continue
        metadata = raw["metadata"] if isinstance(raw.get("metadata"), dict) else {}
        if raw.get("cell_type") == "code":
            count = raw.get("prompt_number")
            whole = isinstance(count, int) and not isinstance(count, bool)
            source = raw.get("input")
            cells.append({"cell_type": "code", "metadata": metadata, "source": "" if source is None else source, "outputs": [], "execution_count": count if whole else None})
        elif raw.get("cell_type") == "heading":
            level = raw.get("level")
            level = min(max(level, 1), 6) if isinstance(level, int) and not isinstance(level, bool) else 1
            cells.append({"cell_type": "markdown", "metadata": metadata, "source": "#" * level + " " + _joined(raw.get("source", ""))})
        else:
            cells.append({**raw, "metadata": metadata})
    return {**rest, "nbformat": 4, "nbformat_minor": 0, "cells": cells}


def _cells(notebook):
    """How many cells a notebook read as JSON has (nbformat 4's list, or 3's worksheets), or None."""
    if not isinstance(notebook, dict):
        return None
    if isinstance(notebook.get("cells"), list):
        return len(notebook["cells"])
    sheets = notebook.get("worksheets")
    if isinstance(sheets, list):
        # as ours reads them: a worksheet that is not one, or holds no list of cells, holds none
        return sum(len(sheet["cells"]) for sheet in sheets if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list))
    return None


def released_instead(coursedir, assignment, notebook, reason):
    """The notebook as the course released it, with a note saying why it is graded so."""
    released = os.path.join(coursedir.format_path(coursedir.release_directory, ".", assignment), notebook + ".ipynb")
    nb = nbformat.read(released, as_version=4)
    note = f"**[autograder]** The submitted `{notebook}.ipynb` was not graded: {reason}. It was graded as the course released it."
    nb.cells.insert(0, nbformat.v4.new_markdown_cell(note))
    return nb


def refuse_unreadable_notebooks():
    from nbgrader.converters.autograde import Autograde

    if getattr(Autograde, "_refuses_unreadable_notebooks", False):
        return
    original = Autograde.convert_single_notebook

    def convert_single_notebook(self, notebook_filename):
        reason, encoded = examine(notebook_filename)
        if reason is None and encoded is None:
            return original(self, notebook_filename)
        info = self.init_single_notebook_resources(notebook_filename)["nbgrader"]
        if reason is None:
            text, saved = encoded
            self.log.warning("Reading %s, %s", notebook_filename, f"saved {saved}" if saved else "its format version and metadata as our grader reads them")
            # (a lone surrogate written as an escape, which nbformat cannot write back, as U+FFFD)
            substitute = nbformat.from_dict(well_formed_text(nbformat.reads(text, as_version=4)))
            if saved:
                substitute.cells.insert(0, nbformat.v4.new_markdown_cell(
                    f"**[autograder]** `{info['notebook']}.ipynb` was saved {saved}, which Jupyter and nbgrader cannot open; it was read as such. Save it as UTF-8 without a byte-order mark."))
        else:
            self.log.warning("Grading %s as released: %s", notebook_filename, reason)
            substitute = released_instead(self.coursedir, info["assignment"], info["notebook"], reason)
        exporter = self.exporter

        # nbconvert opens the file by its name (the name tells nbgrader whose it is): for the
        # sanitizing, the first read, it opens a copy of the substitute under the same name instead
        # (never the submitted file: a folder or a pipe of that name raised or blocked); the run
        # then reads what the sanitizing wrote
        def from_filename(filename, resources=None, **kw):
            del exporter.from_filename
            with tempfile.TemporaryDirectory() as folder:
                stand_in = os.path.join(folder, os.path.basename(filename))
                nbformat.write(substitute, stand_in)
                output, resources = exporter.from_filename(stand_in, resources=resources, **kw)
            resources["metadata"]["path"] = os.path.dirname(filename)
            return output, resources

        exporter.from_filename = from_filename
        try:
            return original(self, notebook_filename)
        finally:
            exporter.__dict__.pop("from_filename", None)

    Autograde.convert_single_notebook = convert_single_notebook
    Autograde._refuses_unreadable_notebooks = True

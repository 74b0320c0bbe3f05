"""Files beside a source notebook that hold its answers or hidden tests, which generate_assignment would release.

nbgrader's generate_assignment copies every file of source/<assignment>/ that is not a notebook (`*.ipynb`,
which Python's glob never matches to a name starting with a dot) or on CourseDirectory.ignore into the
release, byte for byte, and the hub's release hands them to every student. A copy of the source notebook
under another name went out whole, solutions and hidden tests in: `.~<chapter>.ipynb`, which JupyterLab
writes before each save and leaves when its server stops mid-save, an editor's `<chapter>.ipynb~` or
swap file, a `.bak` made by hand. A file holding nbgrader's region marks, or a line of the notebook's
solution, hidden-test or mark-scheme regions (as scripts/student-edition/secret-lines.mjs finds them,
JSON's strings decoded as well), is named here. nbgrader autograde copies the same files beside each
student's notebooks, where her kernel may read them: they are not the course's files there (set_aside.py).
"""
import json
import os

import nbformat

from nbgrader import utils

MARKS = [("BEGIN SOLUTION", "END SOLUTION"), ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"), ("BEGIN MARK SCHEME", "END MARK SCHEME")]
# Shorter lines ("}", "return x;") say nothing on their own.
MIN_LENGTH = 12


def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def secret_lines(nb):
    """The lines of the notebook's marked regions that occur nowhere else in it."""
    secret, open_lines = set(), set()
    for cell in nb.cells:
        region = None
        for raw in _source(cell).split("\n"):
            line = raw.strip()
            begins = next((r for r in MARKS if r[0] in line), None)
            if begins:
                region = begins
                continue
            if region and region[1] in line:
                region = None
                continue
            (secret if region else open_lines).add(line)
    return {line for line in secret - open_lines if len(line) >= MIN_LENGTH}


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _readable_text(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", errors="replace")
    try:
        return text + "\n" + "\n".join(_strings(json.loads(text)))
    except (ValueError, RecursionError):
        return text


def _copies(folder, ignore, secrets):
    """(path, mark or None, line) for each file nbgrader copies from `folder` that holds a region mark or one of `secrets`."""
    # nbgrader's walk as the converters use it (shallow_file_walk.py may have replaced it)
    for path in sorted(utils.find_all_files(folder, list(ignore) + ["*.ipynb"])):
        if not os.path.isfile(path):
            continue
        text = _readable_text(path)
        mark = next((begin for begin, _ in MARKS if begin in text), None)
        line = mark or next((s for s in sorted(secrets) if s in text), None)
        if line is not None:
            yield path, mark, line


def answer_copies(nb, folder, ignore):
    """Sentences naming each file nbgrader would copy from `folder` that holds the notebook's answers or hidden tests."""
    problems = []
    for path, mark, line in _copies(folder, ignore, secret_lines(nb)):
        name = os.path.relpath(path, folder)
        problems.append(
            f"{name} holds {'the mark ' + repr(mark) if mark else 'a line of the answers or hidden tests, ' + repr(line[:80])}: "
            "generate_assignment copies every file beside the notebooks to the students as it is (a copy JupyterLab left "
            "while saving, .~<name>.ipynb, or an editor's backup); delete it or move it out of the assignment's folder, "
            "then release again"
        )
    return problems


def answer_copy_paths(folder, ignore):
    """The files of an assignment's source folder, relative to it, that hold a notebook's answers or hidden tests
    (nbgrader autograde copies them beside each student's notebooks, where her kernel may read them)."""
    secrets = set()
    for name in os.listdir(folder):
        if name.endswith(".ipynb") and not name.startswith(".") and os.path.isfile(os.path.join(folder, name)):
            try:
                secrets |= secret_lines(nbformat.read(os.path.join(folder, name), as_version=4))
            except Exception:
                continue
    return {os.path.relpath(path, folder) for path, _, _ in _copies(folder, ignore, secrets)}

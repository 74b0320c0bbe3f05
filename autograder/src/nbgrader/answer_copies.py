"""Files beside a source notebook that hold its answers or hidden tests, which generate_assignment would release.

nbgrader's generate_assignment copies every file of source/<assignment>/ that is not a notebook (`*.ipynb`,
which Python's glob never matches to a name starting with a dot) or on CourseDirectory.ignore into the
release, byte for byte, and the hub's release hands them to every student. A copy of the source notebook
under another name went out whole, solutions and hidden tests in: `.~<chapter>.ipynb`, which JupyterLab
writes before each save and leaves when its server stops mid-save, an editor's `<chapter>.ipynb~` or
swap file, a `.bak` made by hand, a zip or gzip of the notebook or its folder, a copy saved as UTF-16. A file holding nbgrader's region marks, or a line of the notebook's
solution, hidden-test or mark-scheme regions (as scripts/student-edition/secret-lines.mjs finds them,
JSON's strings decoded as well, archives and compressed streams unpacked), is named here. nbgrader autograde copies the same files beside each
student's notebooks, where her kernel may read them: they are not the course's files there (set_aside.py).
"""
import bz2
import codecs
import io
import json
import lzma
import os
import tarfile
import zipfile
import zlib

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


# What is read out of one file's archives and compressed streams, at most: a zip bomb stops there.
MAX_UNPACKED = 256 * 1024 * 1024


# Compressed streams by their first bytes: gzip, bzip2, xz; each a decompressor whose decompress takes a length limit.
STREAMS = {
    b"\x1f\x8b": lambda: zlib.decompressobj(16 + zlib.MAX_WBITS),
    b"BZh": bz2.BZ2Decompressor,
    b"\xfd7zXZ\x00": lzma.LZMADecompressor,
}


def _decoded(data):
    """The bytes as text: UTF-16 by its byte-order mark (Windows Notepad's "Unicode"), else UTF-8."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace")
    return data.decode("utf-8", errors="replace")


def _unpacked(data, budget, depth=0):
    """The byte strings inside `data` when it is compressed (gzip, bzip2, xz) or an archive (zip, tar), one level
    within another at most, read up to budget[0] bytes in all."""
    if depth > 2 or budget[0] <= 0:
        return []
    inner = []
    try:
        stream = STREAMS.get(next((magic for magic in STREAMS if data.startswith(magic)), None))
        if stream is not None:
            inner = [stream().decompress(data, budget[0])]
            budget[0] -= len(inner[0])
        elif data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.infolist():
                    if member.is_dir() or budget[0] <= 0:
                        continue
                    with archive.open(member) as f:
                        inner.append(f.read(budget[0]))
                    budget[0] -= len(inner[-1])
        elif len(data) > 262 and data[257:262] == b"ustar":
            with tarfile.open(fileobj=io.BytesIO(data)) as archive:
                for member in archive:
                    if member.isfile() and budget[0] > 0:
                        inner.append(archive.extractfile(member).read(budget[0]))
                        budget[0] -= len(inner[-1])
        else:
            return []
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, tarfile.TarError, lzma.LZMAError, zlib.error, RuntimeError, NotImplementedError):
        return []
    found = []
    for part in inner:
        found.append(part)
        found.extend(_unpacked(part, budget, depth + 1))
    return found


def _readable_text(path):
    """The file's text as a reader could see it: its bytes decoded, a JSON file's strings decoded, and what its
    archive or compressed stream holds (a zip of the assignment's folder, a notebook.gz, a copy saved as UTF-16)."""
    with open(path, "rb") as f:
        data = f.read()
    texts = []
    for part in [data, *_unpacked(data, [MAX_UNPACKED])]:
        text = _decoded(part)
        texts.append(text)
        try:
            texts.extend(_strings(json.loads(text)))
        except (ValueError, RecursionError):
            pass
    return "\n".join(texts)


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

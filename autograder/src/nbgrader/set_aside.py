"""While a notebook runs under `nbgrader autograde`, its folder holds the course's files only.

nbgrader runs each of a student's notebooks in `autograded/<student>/<assignment>/`, a copy of
everything the student handed in: a notebook's kernel, which may read that folder
(src/nbgrader/confined_kernels.py), could read a table made elsewhere from a file handed in with
it, from a markdown cell of its own notebook file or of another notebook, or from a file that an
earlier notebook's kernel wrote there. `npm run autograde` gives a notebook none of these (its
sandbox holds the notebook's cells and the course's files only); here the same: for the time the
notebook runs, everything in the folder but the files the course releases with the assignment
(its images, say, which nbgrader has just copied there from source/<assignment>/) is moved into
a folder beside it, out of the kernel's reach, and moved back once the kernel has ended; what
the kernel wrote there, but for the course's files, is removed first.
"""
import contextlib
import os
import shutil

from nbgrader import utils


def course_files(source_folder, ignore):
    """The paths, relative to the assignment's folder, of the files the course gives it (its notebooks aside)."""
    if not os.path.isdir(source_folder):
        return set()
    return {os.path.relpath(path, source_folder) for path in utils.find_all_files(source_folder, list(ignore) + ["*.ipynb"])}


def _remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def _entries_to_set_aside(folder, keep):
    """The entries of `folder` to move out, relative to it: each top-level entry that holds no file
    to keep, and in a folder that does, each entry that is not one to keep (a link included)."""
    kept_tops = {path.split(os.sep)[0] for path in keep}
    moved = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name not in kept_tops or os.path.islink(path):
            moved.append(name)
        elif os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                for entry in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
                    relative = os.path.relpath(os.path.join(root, entry), folder)
                    if relative not in keep or os.path.islink(os.path.join(root, entry)):
                        moved.append(relative)
    return moved


@contextlib.contextmanager
def only_course_files(folder, keep):
    """Moves what `folder` holds besides the files of `keep` into a folder beside it, and back afterwards."""
    folder = os.path.realpath(folder)
    aside = os.path.join(os.path.dirname(folder), f".{os.path.basename(folder)}.set-aside-{os.getpid()}")
    if os.path.lexists(aside):
        _remove(aside)  # left by an nbgrader that was killed: its files are still in the student's submission
    os.makedirs(aside)
    moved = _entries_to_set_aside(folder, keep)
    for relative in moved:
        target = os.path.join(aside, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.rename(os.path.join(folder, relative), target)
    try:
        yield moved
    finally:
        # what the kernel made in the folder goes, before what was there comes back: a notebook it
        # wrote named like one of the assignment's that the student did not hand in stayed, never
        # graded nor cleaned, and the formgrader shows that file as the student's autograded
        # notebook, on the instructor's own page (HTML in it runs there, and can enter points)
        for relative in _entries_to_set_aside(folder, keep):
            _remove(os.path.join(folder, relative))
        for relative in moved:
            back = os.path.join(folder, relative)
            if os.path.lexists(back):
                _remove(back)
            os.makedirs(os.path.dirname(back), exist_ok=True)
            os.rename(os.path.join(aside, relative), back)
        shutil.rmtree(aside, ignore_errors=True)

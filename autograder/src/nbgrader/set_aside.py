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

from answer_copies import answer_copy_paths


def course_files(source_folder, ignore):
    """The paths, relative to the assignment's folder, of the files the course gives it (its notebooks aside).
    A copy of a source notebook's answers or hidden tests there (JupyterLab's .~<notebook>, an editor's
    backup) is not one: nbgrader copies it beside the student's notebook, and her kernel read it."""
    if not os.path.isdir(source_folder):
        return set()
    files = {os.path.relpath(path, source_folder) for path in utils.find_all_files(source_folder, list(ignore) + ["*.ipynb"])}
    return files - answer_copy_paths(source_folder, ignore)


def _remove(path):
    """Removes a file, a link or a folder of any depth. shutil.rmtree and os.walk recurse once a
    level: a kernel's folder nested 2000 deep (one `mkdirSync` of "a/" 2000 times) raised
    RecursionError here, after the run, and again in nbgrader's own cleanup of the failed
    assignment, which stopped `nbgrader autograde` for every student after this one. Here each
    round lifts what lies two levels down into `path` and removes the emptied folders, so that no
    path grows longer than two names below it."""
    if not os.path.isdir(path) or os.path.islink(path):
        if os.path.lexists(path):
            os.remove(path)
        return
    lifted = 0
    while True:
        _open_up(path)
        with os.scandir(path) as listing:
            entries = list(listing)
        if not entries:
            break
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                os.remove(entry.path)
                continue
            _open_up(entry.path)
            with os.scandir(entry.path) as inner:
                for item in list(inner):
                    while os.path.lexists(os.path.join(path, f".lifted-{lifted}")):
                        lifted += 1
                    os.rename(item.path, os.path.join(path, f".lifted-{lifted}"))
            os.rmdir(entry.path)
    os.rmdir(path)


def _open_up(folder):
    """A folder its owner closed to itself (a kernel runs as the grader's user) is opened again to be emptied."""
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass


def _entries_to_set_aside(folder, keep):
    """The entries of `folder` to move out, relative to it: each top-level entry that holds no file
    to keep, and in a folder that does, each entry that is not one to keep (a link included), a
    folder that holds none as a whole. Only the folders of the course's files are looked into, to
    their own depth: a walk of the kernel's folders could be led 2000 levels down."""
    kept_dirs = {os.path.dirname(path) for path in keep}
    for path in list(kept_dirs):
        while path:
            kept_dirs.add(path)
            path = os.path.dirname(path)
    moved = []
    pending = [""]
    while pending:
        relative_dir = pending.pop()
        for name in sorted(os.listdir(os.path.join(folder, relative_dir))):
            relative = os.path.join(relative_dir, name)
            path = os.path.join(folder, relative)
            if os.path.islink(path):
                moved.append(relative)
            elif os.path.isdir(path):
                if relative in kept_dirs:
                    pending.append(relative)
                else:
                    moved.append(relative)
            elif relative not in keep:
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

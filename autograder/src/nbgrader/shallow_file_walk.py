"""nbgrader's walk over an assignment's files goes without recursion and leaves out links and what lies too deep.

`nbgrader autograde` lists the files a student handed in beside the notebooks with
`utils.find_all_files`, an `os.walk`, which recurses once a level: a submission holding a folder
nested 1000 deep raised RecursionError there, and the student's whole assignment, every notebook
of it, was left ungraded, where `npm run autograde` graded its notebooks (it copies none of the
other files). This walk keeps a list of the folders still to look into, and leaves out, with a
warning, those deeper than MAX_DEPTH below the folder walked, as the hub's collect refuses such a
submission (hub/course_exchange.py): nbgrader would copy what lies there with a recursive
`os.makedirs`, and no grader reads those files. In a submission it leaves out, likewise, files
past MAX_ENTRIES files and folders in all, a file over nbgrader's `CourseDirectory.max_file_size`
and files past its `max_dir_size` in all (the bounds of nbgrader's own exchange, which autograde
did not keep): a student who handed in 100,000 files, or a file of gigabytes, beside her notebooks
had each copied into the autograded folder, and again into the feedback. It leaves out symbolic links too, as
`npm run autograde` does: nbgrader copied the file a link names, so that a link handed in beside
the notebooks (unpacked from a student's archive) to `../../../source/<assignment>/<notebook>.ipynb`
put the course's solutions and hidden tests into the student's autograded folder, and from there
into her feedback; and, in a submission, hard links (a file of several names), which Python's
tarfile before 3.14 made of an archive's link to `../../../gradebook.db` or to a file of the
instructor's home. And it leaves out what is no file (a named pipe, which `shutil.copy` refuses:
the student's whole assignment was left ungraded). And in a submission it leaves out what stands
where the course's own files go (a folder named like a file the course releases with the
assignment, a file named like one of its folders): nbgrader then copies the course's files over the
student's, and `os.remove` of a folder, or a file in the way of a folder, raised and left the
student's whole assignment ungraded. `shallow_file_walk()`, called by nbgrader_config.py, gives it
to nbgrader's converters.
"""
import os

from nbgrader import utils
from submission_bounds import MAX_DEPTH, MAX_ENTRIES
from traitlets.log import get_logger

# while Autograde copies a submission: its folder -> (the course's files, and their folders, relative),
# and the bytes nbgrader copies at most of one file and of all
_COURSE_PATHS = {}
_BYTE_BOUNDS = {}


def find_all_files(path, exclude=None):
    """The files under `path`, as nbgrader's `find_all_files` lists them (folders matching `exclude`
    not entered), but for symbolic links below it, down to MAX_DEPTH folders."""
    files = []
    course_files, course_folders = _COURSE_PATHS.get(os.path.normpath(path), (set(), set()))
    # in a submission: [bytes, files and folders] it may still have copied
    bounds = _BYTE_BOUNDS.get(os.path.normpath(path))
    left = None if bounds is None else [bounds[1], MAX_ENTRIES]
    # the folder walked may be a link, as os.walk takes it (an instructor's source/<assignment>, say):
    # a submitted notebook in a linked folder is graded as released (refused_notebooks.py)
    pending = [(path, 0)]
    while pending:
        folder, depth = pending.pop()
        if utils.is_ignored(folder, exclude):
            continue
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if left is not None:
                left[1] -= 1
                if left[1] < 0:
                    get_logger().warning("Left out %s and what follows it: a submission's files and folders beyond %d are not copied", entry.path, MAX_ENTRIES)
                    return files
            if entry.is_symlink():
                if not utils.is_ignored(entry.path, exclude):
                    get_logger().warning("Left out %s: symbolic links are not copied", entry.path)
                continue
            relative = os.path.relpath(entry.path, path)
            if relative in (course_folders if not entry.is_dir() else course_files):
                get_logger().warning("Left out %s: the course's own %s of that name goes there", entry.path, "file" if entry.is_dir() else "folder")
                continue
            if entry.is_dir():
                if depth + 1 > MAX_DEPTH:
                    get_logger().warning("Left out %s: folders nested more than %d deep are not copied", entry.path, MAX_DEPTH)
                    continue
                pending.append((entry.path, depth + 1))
            elif utils.is_ignored(entry.path, exclude):
                continue
            elif not entry.is_file(follow_symlinks=False):
                get_logger().warning("Left out %s: it is not a file (a pipe, a socket or a device)", entry.path)
            elif left is not None and entry.stat(follow_symlinks=False).st_nlink > 1:
                get_logger().warning("Left out %s: it is a hard link (one file under several names, the others anywhere on the disk), and links are not copied", entry.path)
            elif left is not None and not _within_bytes(entry, bounds[0], left):
                continue
            else:
                files.append(entry.path)
    return files


def _within_bytes(entry, file_bytes, left):
    """Whether a submission's file is within nbgrader's bounds on bytes (warning when not); counts it."""
    size = entry.stat(follow_symlinks=False).st_size
    if size > file_bytes:
        get_logger().warning("Left out %s: a file over %d kB is not copied (CourseDirectory.max_file_size)", entry.path, file_bytes // 1000)
        return False
    if size > left[0]:
        get_logger().warning("Left out %s: the files beside the notebooks are over %d kB in all (CourseDirectory.max_dir_size)", entry.path, left[0] // 1000)
        return False
    left[0] -= size
    return True


def _course_paths(coursedir, assignment_id):
    """The files the course gives the assignment (its notebooks aside) and their folders, relative to it."""
    source = coursedir.format_path(coursedir.source_directory, ".", assignment_id)
    files = {os.path.relpath(found, source) for found in find_all_files(source, list(coursedir.ignore) + ["*.ipynb"])}
    folders = set()
    for relative in files:
        while os.path.dirname(relative):
            relative = os.path.dirname(relative)
            folders.add(relative)
    return files, folders


def shallow_file_walk():
    from nbgrader.converters import base
    from nbgrader.converters.autograde import Autograde

    utils.find_all_files = find_all_files
    base.find_all_files = find_all_files
    if getattr(Autograde, "_copies_around_course_files", False):
        return
    original = Autograde.init_assignment

    def init_assignment(self, assignment_id, student_id):
        submission = os.path.normpath(self._format_source(assignment_id, student_id))
        _COURSE_PATHS[submission] = _course_paths(self.coursedir, assignment_id)
        _BYTE_BOUNDS[submission] = (1000 * self.coursedir.max_file_size, 1000 * self.coursedir.max_dir_size)
        try:
            return original(self, assignment_id, student_id)
        finally:
            _COURSE_PATHS.pop(submission, None)
            _BYTE_BOUNDS.pop(submission, None)

    Autograde.init_assignment = init_assignment
    Autograde._copies_around_course_files = True

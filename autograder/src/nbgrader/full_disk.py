"""An nbgrader run (autograde, generate_feedback) that failed on a full disk says so at its end.

On the course hub the course shares its disk with every student's home and the exchange, and nothing
bounds what a student puts there. A full disk failed each student of `nbgrader autograde` in turn, each
with a traceback of its own ("database or disk is full", "No space left on device" deep inside), and
the run ended on "There was an error processing assignment ... Please see the above traceback": no word
of the disk, nor of what to do. Here a run that fails looks at the disks it writes (the course's folder
and the gradebook's) and, for one with no room left, says which, that the students named were not
graded (nbgrader keeps nothing of theirs), and how to go on. `full_disk_said()`, called by
nbgrader_config.py, patches nbgrader's converters.
"""
import os

# less room than this left on a disk is no room: SQLite and nbconvert write a page at least
NO_ROOM = 1 << 20


def _folders(converter):
    folders = [("the course's folder", converter.coursedir.root)]
    url = converter.coursedir.db_url
    if url.startswith("sqlite:///"):
        folders.append(("the gradebook's", os.path.dirname(os.path.abspath(url[len("sqlite:///"):]))))
    return folders


def full_disks(converter):
    """[(what, folder, bytes free)] for the disks the run writes that have no room left."""
    full = []
    for what, folder in _folders(converter):
        try:
            stats = os.statvfs(folder)
        except OSError:
            continue
        free = stats.f_bavail * stats.f_frsize
        if free < NO_ROOM or stats.f_favail == 0:
            full.append((what, folder, free))
    return full


def full_disk_said():
    from nbgrader.converters.base import BaseConverter

    if getattr(BaseConverter, "_full_disk_said", False):
        return
    BaseConverter._full_disk_said = True
    convert_notebooks = BaseConverter.convert_notebooks

    def convert_notebooks_said(self):
        try:
            return convert_notebooks(self)
        except BaseException:
            for what, folder, free in full_disks(self):
                self.log.error(
                    "The disk holding %s (%s) is full (%d kB left): the students named above were not done, and nothing of theirs "
                    "is kept. Make room on it (on the course hub it holds the students' homes and the exchange too: "
                    "du -xsh <hub folder>/homes/* <hub folder>/exchange shows who took it), then run this again",
                    what, folder, free // 1024,
                )
            raise

    BaseConverter.convert_notebooks = convert_notebooks_said

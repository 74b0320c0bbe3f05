"""The latest change time (ctime, ns) of what lies below each folder named, walked by hub/folder_walk.py:

    python latest_change.py <max depth> <folder> ...

prints a JSON list, for each folder its time as a string ("0": nothing below it), or null where it is not a folder
(a link, a file, gone). Run as root by scripts/hub/renamed-course.mjs on a renamed student's submissions in the
exchange, folders she owns: read by descriptors a name at a time, never through a link, however deep or wide.
"""

import errno
import json
import os
import sys

from folder_walk import open_folder, walk


def latest_change(folder, max_depth):
    try:
        folder_fd = open_folder(folder)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):
            return None
        raise
    try:
        return str(max((info.st_ctime_ns for _fd, _name, info, _depth in walk(folder_fd, max_depth)), default=0))
    finally:
        os.close(folder_fd)


if __name__ == "__main__":
    print(json.dumps([latest_change(folder, int(sys.argv[1])) for folder in sys.argv[2:]]))

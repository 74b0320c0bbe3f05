"""A walk of a folder a user can change, for root or the instructor: each entry named through its folder's descriptor,
never by full path and never through a link, and each folder read a name at a time (os.scandir on the descriptor).

os.fwalk, used before, held each folder's whole listing: a home or a submission of 10 million empty files put some
1 GB in root's start. A walk by full paths stopped at folders nested past the longest path the system takes
(ENAMETOOLONG), and followed a folder swapped for a link between its listing and its opening.
"""

import errno
import os
import stat

FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


def open_folder(name, dir_fd=None):
    """A descriptor of the folder `name`, refusing a link (OSError: ELOOP, ENOTDIR)."""
    return os.open(name, FOLDER_FLAGS, dir_fd=dir_fd)


def walk(folder_fd, max_depth, skip=frozenset(), depth=0):
    """Yields (folder_fd, name, lstat result, depth) for each entry below the open folder `folder_fd`, a folder's
    before what it holds; folders named in `skip` are yielded but not entered, nor is anything deeper than
    `max_depth`. An entry gone or changed since its folder was read is passed over."""
    with os.scandir(folder_fd) as entries:
        for entry in entries:
            try:
                info = os.stat(entry.name, dir_fd=folder_fd, follow_symlinks=False)
            except FileNotFoundError:
                continue
            yield folder_fd, entry.name, info, depth
            if not stat.S_ISDIR(info.st_mode) or entry.name in skip or depth >= max_depth:
                continue
            try:
                inner = open_folder(entry.name, folder_fd)
            except OSError as error:
                if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP):  # gone, or swapped for a file or a link
                    continue
                raise
            try:
                # the folder opened is the one listed, not another put in its place since
                if (os.fstat(inner).st_dev, os.fstat(inner).st_ino) == (info.st_dev, info.st_ino):
                    yield from walk(inner, max_depth, skip, depth + 1)
            finally:
                os.close(inner)

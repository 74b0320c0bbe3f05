"""Gives a folder and what it holds to a user: python give_tree.py <folder> <uid> <gid>.

Run as root by scripts/hub/isolation.mjs on each user's home at the hub's start, walking it by hub/folder_walk.py:
each entry changed through its folder's descriptor, never by its full path and never through a link, each folder read
a name at a time (a walk by full paths stopped the hub's start, for the whole class, at a student's folders nested past
the system's longest path; os.fwalk held each folder's whole listing, some 1 GB of root's start for a home of 10
million files). Left as they are: node_modules folders (the course folder's packages, hard links to the checkout's
files), any other file with a second name (a hard link), and what lies deeper than MAX_DEPTH, which only the user can
have made (the hub makes nothing that deep) and so is theirs already.
"""

import ctypes
import errno
import os
import stat
import sys

from folder_walk import open_folder, walk

MAX_DEPTH = 64
PASSED_OVER = (errno.ENOENT, errno.ELOOP, errno.ENOTDIR, errno.EWOULDBLOCK, errno.ENXIO)
ENTRY_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


def give_tree(top, uid, gid):
    top_fd = open_folder(top)
    try:
        os.chown(top_fd, uid, gid)
        for folder_fd, name, info, _depth in walk(top_fd, MAX_DEPTH, skip={"node_modules"}):
            if stat.S_ISDIR(info.st_mode) and name == "node_modules":
                continue
            give_entry(folder_fd, name, info, uid, gid)
    finally:
        os.close(top_fd)


def give_entry(folder_fd, name, info, uid, gid):
    """Gives a folder or an entry with no other name through a descriptor, the entry walked being the one opened: the
    student can swap an entry of her folders between the walk's look and root's chown, and a chown by name then gave
    what was put there (a second name of any file, where fs.protected_hardlinks is 0). Links, pipes and sockets, which
    open to something else or not at all, are opened as themselves (O_PATH, not following a link): a pipe swapped
    for a second name of root's file between the look and a chown by name had root give that file."""
    if info.st_nlink != 1 and not stat.S_ISDIR(info.st_mode):
        return
    plain = stat.S_ISDIR(info.st_mode) or stat.S_ISREG(info.st_mode)
    try:
        if plain:
            # non-blocking: a lease the student holds on her file would hold root's open
            entry_fd = os.open(name, ENTRY_FLAGS | (os.O_DIRECTORY if stat.S_ISDIR(info.st_mode) else 0), dir_fd=folder_fd)
        else:
            entry_fd = os.open(name, os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder_fd)
    except OSError as error:
        if error.errno in PASSED_OVER:
            return  # gone, swapped for a link or another kind of entry, or held by her lease: hers to have made
        raise
    try:
        now = os.fstat(entry_fd)
        if (now.st_dev, now.st_ino) == (info.st_dev, info.st_ino) and (stat.S_ISDIR(now.st_mode) or now.st_nlink == 1):
            if plain:
                os.chown(entry_fd, uid, gid)
            else:
                _chown_path_descriptor(entry_fd, uid, gid)
    finally:
        os.close(entry_fd)


_libc = ctypes.CDLL(None, use_errno=True)
AT_EMPTY_PATH = 0x1000


def _chown_path_descriptor(fd, uid, gid):
    """fchownat(fd, "", AT_EMPTY_PATH): the entry an O_PATH descriptor holds, a link itself (Python's chown takes no such descriptor)."""
    if _libc.fchownat(fd, b"", uid, gid, AT_EMPTY_PATH) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))


if __name__ == "__main__":
    give_tree(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))

"""Gives a folder and what it holds to a user: python give_tree.py <folder> <uid> <gid>.

Run as root by scripts/hub/isolation.mjs on each user's home at the hub's start. Every entry is
changed through its folder's descriptor, never by its full path and never through a link: a walk
by full paths stopped the hub's start, for the whole class, at a student's folders nested past the
system's longest path (ENAMETOOLONG), and followed a folder swapped for a link mid-walk. Left as
they are: node_modules folders (the course folder's packages, hard links to the checkout's files),
any other file with a second name (a hard link), and what lies deeper than MAX_DEPTH, which only
the user can have made (the hub makes nothing that deep) and so is theirs already.
"""

import os
import stat
import sys

MAX_DEPTH = 64


def give_tree(top, uid, gid):
    os.chown(top, uid, gid, follow_symlinks=False)
    base = top.rstrip(os.sep).count(os.sep)
    for folder, dirs, files, folder_fd in os.fwalk(top, follow_symlinks=False):
        depth = folder.rstrip(os.sep).count(os.sep) - base
        dirs[:] = [name for name in dirs if name != "node_modules"]
        for name in dirs:
            os.chown(name, uid, gid, dir_fd=folder_fd, follow_symlinks=False)
        for name in files:
            if os.stat(name, dir_fd=folder_fd, follow_symlinks=False).st_nlink == 1:
                os.chown(name, uid, gid, dir_fd=folder_fd, follow_symlinks=False)
        if depth >= MAX_DEPTH:
            dirs[:] = []


if __name__ == "__main__":
    give_tree(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))

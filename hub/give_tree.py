"""Gives a folder and what it holds to a user: python give_tree.py <folder> <uid> <gid>.

Run as root by scripts/hub/isolation.mjs on each user's home at the hub's start, walking it by hub/folder_walk.py:
each entry changed through its folder's descriptor, never by its full path and never through a link, each folder read
a name at a time (a walk by full paths stopped the hub's start, for the whole class, at a student's folders nested past
the system's longest path; os.fwalk held each folder's whole listing, some 1 GB of root's start for a home of 10
million files). Left as they are: node_modules folders (the course folder's packages, hard links to the checkout's
files), any other file with a second name (a hard link), and what lies deeper than MAX_DEPTH, which only the user can
have made (the hub makes nothing that deep) and so is theirs already.
"""

import os
import stat
import sys

from folder_walk import open_folder, walk

MAX_DEPTH = 64


def give_tree(top, uid, gid):
    top_fd = open_folder(top)
    try:
        os.chown(top_fd, uid, gid)
        for folder_fd, name, info, _depth in walk(top_fd, MAX_DEPTH, skip={"node_modules"}):
            if stat.S_ISDIR(info.st_mode) and name == "node_modules":
                continue
            if stat.S_ISDIR(info.st_mode) or info.st_nlink == 1:
                os.chown(name, uid, gid, dir_fd=folder_fd, follow_symlinks=False)
    finally:
        os.close(top_fd)


if __name__ == "__main__":
    give_tree(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))

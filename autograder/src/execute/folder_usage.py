"""What a kernel's folder holds, counted without recursion, for both graders' watches on it
(run_notebook.py's Watchdog under `npm run autograde`, src/nbgrader/confined_kernels.py under
nbgrader). os.walk recursed once a level: a folder nested 2040 deep raised RecursionError in the
watch. A part the watch cannot read (nested past the longest path the system takes, or closed by
the kernel to its own user) raises Unseen: it hid what the kernel wrote there."""
import os


class Unseen(Exception):
    """Part of a folder the watch cannot look into."""


def folder_usage(folder, size_of, stop_at=float("inf"), stop_entries=float("inf"), unseen_before=None, first=False):
    """The bytes of the files under `folder` (each `size_of` its stat; links not followed) and its
    entries, counted up to `stop_at` bytes or `stop_entries` entries (an empty file takes no byte of
    the disk but one of its inodes). A part it cannot read raises Unseen, unless it is among
    `unseen_before` (a set, which the `first` count fills instead). An entry gone meanwhile is
    passed over."""
    unseen_before = set() if unseen_before is None else unseen_before
    total = 0
    count = 0
    pending = [folder]

    def unseen(path, error):
        if first:
            unseen_before.add(path)
            return
        if path in unseen_before:
            return
        # the path as a Python literal: its names are the kernel's, escape sequences among them
        raise Unseen(f"{error.strerror}: {path[:200]!r}") from error

    while pending and total <= stop_at and count <= stop_entries:
        path = pending.pop()
        try:
            entries = list(os.scandir(path))
        except FileNotFoundError:
            continue
        except OSError as error:
            unseen(path, error)
            continue
        count += len(entries)
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    total += size_of(entry.stat(follow_symlinks=False))
            except FileNotFoundError:
                continue
            except OSError as error:
                unseen(entry.path, error)
    return total, count

"""A plain `nbgrader autograde` typed while `npm run nbgrader:autograde` grades the same course is refused.

autograder/bin/nbgrader-autograde.mjs takes the course for its run (`.nbgrader-autograde.lock` in the course folder,
src/grade/work-folders.mjs): two such runs at once planned the same students, graded each twice side by side into
the same folders, and one's Ctrl-C removed the folders the other was making. nbgrader's own command, typed beside it
(to grade one student again, say), did the same and was not seen by the lock. Every nbgrader command of the course
loads its config, so the config asks this module first: an `autograde` while a live run holds the lock stops before
nbgrader reads the course. The run's own processes carry its share of the class (class_share.py) and pass.
"""

import json
import os

from class_share import SHARE_VARIABLE

LOCK_NAME = ".nbgrader-autograde.lock"


def _start_ticks(pid):
    """The process's start time in clock ticks (/proc/<pid>/stat's 22nd field), as the lock records it, or None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split(" ")
    return fields[19] if len(fields) > 19 else None


def _alive(owner):
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:
        pass
    except OSError:
        return False
    ticks = owner.get("startTicks")
    # a pid used again by another process since the run was killed is not the run
    return ticks is None or _start_ticks(pid) in (None, ticks)


def _course_root(argv, cwd):
    """The course folder the command works on: `--CourseDirectory.root` when given, else the folder it runs in."""
    for at, arg in enumerate(argv):
        if arg.startswith("--CourseDirectory.root="):
            return os.path.abspath(os.path.join(cwd, arg.split("=", 1)[1]))
        if arg == "--CourseDirectory.root" and at + 1 < len(argv):
            return os.path.abspath(os.path.join(cwd, argv[at + 1]))
    return cwd


def refusal(argv, env, cwd):
    """Why this nbgrader command may not run now, or None."""
    if len(argv) < 2 or argv[1] != "autograde" or env.get(SHARE_VARIABLE):
        return None
    root = _course_root(argv, cwd)
    try:
        with open(os.path.join(root, LOCK_NAME), encoding="utf-8") as handle:
            owner = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(owner, dict) or not _alive(owner):
        return None
    return (
        f"`npm run nbgrader:autograde` (process {owner['pid']}, started {owner.get('started', 'earlier')}) is grading this course "
        f"({root}): nbgrader autograde beside it would grade the same students into the same folders; wait for it to end, then "
        "run this again"
    )

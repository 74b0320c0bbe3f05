"""`nbgrader autograde` typed beside `npm run nbgrader:autograde`, or beside another typed one, on the same course is refused.

autograder/bin/nbgrader-autograde.mjs takes the course for its run (`.nbgrader-autograde.lock` in the course folder,
src/grade/work-folders.mjs): two such runs at once planned the same students, graded each twice side by side into the
same folders, and one's Ctrl-C removed the folders the other was making. nbgrader's own command, typed beside it (to
grade one student again, say), did the same and was not seen by the lock. Every nbgrader command of the course loads
its config, so the config asks this module first: an `autograde` while a live run holds the lock stops before nbgrader
reads the course, and one that finds the course free takes the lock itself until it ends (a run killed outright leaves
it to be taken over, as the class runs' is). The class run's own processes carry their share of the class
(class_share.py) and pass. The formgrader's Autograde button runs nbgrader's Autograde inside the instructor's Jupyter
server, which loads the same config: `hold_course_while_autograding()` has each Autograde there take the lock while it
runs and refuse, naming the run, while another holds it (before, the button graded a student into the folders a class
run was writing, unseen).
"""

import atexit
import json
import os
import time

from class_share import SHARE_VARIABLE
from process_start import start_time

LOCK_NAME = ".nbgrader-autograde.lock"


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
    return ticks is None or start_time(pid) in (None, ticks)


def _course_root(argv, cwd):
    """The course folder the command works on: `--CourseDirectory.root` when given, else the folder it runs in."""
    for at, arg in enumerate(argv):
        if arg.startswith("--CourseDirectory.root="):
            return os.path.abspath(os.path.join(cwd, arg.split("=", 1)[1]))
        if arg == "--CourseDirectory.root" and at + 1 < len(argv):
            return os.path.abspath(os.path.join(cwd, argv[at + 1]))
    return cwd


# each command that takes the lock, by the name its record gives (work-folders.mjs's COMMANDS)
_NAMES = {
    "nbgrader": "`npm run nbgrader:autograde`",
    "nbgrader-typed": "another `nbgrader autograde`",
    "formgrader": "the formgrader's Autograde (in the instructor's Jupyter server)",
}


def _record(lock):
    """The lock's record, or {} where there is none or it is not whole."""
    try:
        with open(lock, encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _owner(lock):
    """The live run the lock records, or None."""
    owner = _record(lock)
    return owner if owner and _alive(owner) else None


def _claim(lock, command="nbgrader-typed"):
    """Takes the lock for this process until it ends (or `_release`); the live run holding it instead, or None (also
    where no lock can be written: nbgrader then says what it cannot write)."""
    record = json.dumps({"pid": os.getpid(), "startTicks": start_time(os.getpid()), "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "command": command})
    for _ in range(3):
        try:
            descriptor = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = _owner(lock)
            if owner:
                return owner
            # a run killed outright: taken over
            try:
                os.unlink(lock)
            except OSError:
                return None
            continue
        except OSError:
            return None
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(record)
        atexit.register(_release, lock, os.getpid())
        return None
    return None


def _release(lock, pid):
    if _record(lock).get("pid") != pid:
        return
    try:
        os.unlink(lock)
    except OSError:
        pass


def _refusal_text(owner, root, what):
    return (
        f"{_NAMES.get(owner.get('command'), '`npm run nbgrader:autograde`')} (process {owner['pid']}, started {owner.get('started', 'earlier')}) "
        f"is grading this course ({root}): {what} beside it would grade the same students into the same folders; "
        "wait for it to end, then run this again"
    )


def _held_by_this_process(lock):
    return _record(lock).get("pid") == os.getpid()


def hold_course_while_autograding():
    """Each nbgrader Autograde run in this process (the formgrader's button) holds the course's lock while it runs, and
    raises, naming the run, while another holds it. A typed `nbgrader autograde` (which took the lock as it loaded the
    config) and the class run's own processes pass through."""
    from nbgrader.converters.autograde import Autograde

    if getattr(Autograde.start, "_neural_mi_course_lock", False):
        return
    start = Autograde.start

    def start_holding_the_course(self):
        lock = os.path.join(os.path.abspath(self.coursedir.root), LOCK_NAME)
        if os.environ.get(SHARE_VARIABLE) or _held_by_this_process(lock):
            return start(self)
        owner = _claim(lock, "formgrader")
        if owner:
            raise RuntimeError(_refusal_text(owner, os.path.dirname(lock), "this Autograde"))
        try:
            return start(self)
        finally:
            _release(lock, os.getpid())

    start_holding_the_course._neural_mi_course_lock = True
    Autograde.start = start_holding_the_course


def refusal(argv, env, cwd):
    """Why this nbgrader command may not run now, or None; an `autograde` that may run holds the course's lock until it ends."""
    if len(argv) < 2 or argv[1] != "autograde" or env.get(SHARE_VARIABLE):
        return None
    root = _course_root(argv, cwd)
    owner = _claim(os.path.join(root, LOCK_NAME))
    return None if owner is None else _refusal_text(owner, root, "nbgrader autograde")

"""A student's folder that an nbgrader run cut short left behind is made again at the next run.

`nbgrader autograde` (and generate_feedback) makes `autograded/<student>/<assignment>/` before it
runs the student's notebooks, and a later run skips any student whose folder is there ("Skipping
existing assignment"). A run stopped outright mid-student, where nbgrader's own cleanup does not
run (the terminal it ran in closed: the instructor's server stopped by the hub's restart, the culler
or a password change, which sends SIGHUP; the OOM killer; kill -9), left that folder empty or
holding part of the notebooks: the next run skipped the student, whose grades stayed unset (every
test "needs manual grading") and whose feedback was never made, and nothing said so.

Here a run marks each student's folder as unfinished beside it (`.<assignment>.unfinished`, outside
the folder nbgrader copies and releases) before it makes it, and removes the mark once the student's
notebooks are all written; a later run that finds the mark removes the folder and grades the student
again, saying why, unless the process that wrote the mark still runs (another run making it right now,
the formgrader's Autograde beside a terminal's), whose folder is left to it. `cut_short_redone()`, called by nbgrader_config.py, patches nbgrader's converters.
"""
import os

from process_start import start_time
from set_aside import _remove

SUFFIX = ".unfinished"


def _running_maker(mark):
    """The id of the process that wrote the mark `mark` while it still runs (another nbgrader run making that
    folder right now: the formgrader's Autograde beside a terminal's), or None."""
    try:
        with open(mark, encoding="utf-8") as file:
            pid, started = file.readline().split()[:2]
        pid = int(pid)
    except (OSError, ValueError):
        return None
    if pid == os.getpid() or start_time(pid) is None or start_time(pid) != started:
        return None
    return pid


def _mark(converter, assignment_id, student_id):
    dest = os.path.normpath(converter._format_dest(assignment_id, student_id))
    parent, name = os.path.split(dest)
    return dest, os.path.join(parent, f".{name}{SUFFIX}")


def cut_short_redone():
    from nbgrader.converters.base import BaseConverter

    if getattr(BaseConverter, "_cut_short_redone", False):
        return
    BaseConverter._cut_short_redone = True
    init_destination = BaseConverter.init_destination
    pre_convert = BaseConverter.run_pre_convert_hook
    post_convert = BaseConverter.run_post_convert_hook

    def init_destination_redone(self, assignment_id, student_id):
        dest, mark = _mark(self, assignment_id, student_id)
        excluded = student_id in (self.coursedir.student_id_exclude or "").split(",")
        maker = _running_maker(mark) if not excluded and os.path.lexists(mark) else None
        if maker is not None:
            self.log.warning("%s is being made right now by another nbgrader run (process %d): left to it", dest, maker)
            self._cut_short_current = None
            return False
        if not excluded and os.path.lexists(mark):
            if os.path.lexists(dest):
                self.log.warning(
                    "%s was left by an earlier run stopped before it finished this student (its terminal closed, the server "
                    "stopped, the process killed): made again",
                    dest,
                )
                _remove(dest)
            # the student's other files, which that run had moved aside while a notebook ran (set_aside.py)
            parent, name = os.path.split(dest)
            for leftover in os.listdir(parent) if os.path.isdir(parent) else []:
                if leftover.startswith(f".{name}.set-aside-"):
                    _remove(os.path.join(parent, leftover))
        process = init_destination(self, assignment_id, student_id)
        self._cut_short_current = (assignment_id, student_id) if process else None
        return process

    def pre_convert_marked(self):
        current = getattr(self, "_cut_short_current", None)
        if current is not None:
            _, mark = _mark(self, *current)
            os.makedirs(os.path.dirname(mark), exist_ok=True)
            with open(mark, "w", encoding="utf-8") as file:
                file.write(f"{os.getpid()} {start_time(os.getpid())}\nthe nbgrader process above (its id and start) is making the folder beside this file\n")
        return pre_convert(self)

    def post_convert_unmarked(self):
        result = post_convert(self)
        current = getattr(self, "_cut_short_current", None)
        if current is not None:
            _, mark = _mark(self, *current)
            if os.path.lexists(mark):
                os.remove(mark)
            self._cut_short_current = None
        return result

    BaseConverter.init_destination = init_destination_redone
    BaseConverter.run_pre_convert_hook = pre_convert_marked
    BaseConverter.run_post_convert_hook = post_convert_unmarked

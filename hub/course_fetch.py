"""nbgrader's fetch of a released assignment into the student's home, put there whole or not at all.

nbgrader copies the release straight into `<home>/<assignment>/`. A copy cut short (the disk of the
homes full, which any classmate can fill where there are no quotas; or her own quota used up) left part of the chapter there, a notebook
missing or cut off, and every later fetch was refused, "You already have a copy of the assignment in
this directory", so the student worked on, or could not open, the broken copy until she found and
removed it herself. Here the copy is made under a hidden name beside it and renamed into place once
whole; a copy that fails is removed, and the student reads why and what to do.
"""
import os
import shutil

from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default.fetch_assignment import ExchangeFetchAssignment

from disk_errors import disk_full, quota_used_up


class CourseFetchAssignment(ExchangeFetchAssignment):
    def do_copy(self, src, dest):
        if os.path.isdir(dest):  # --replace: only the missing files are copied into her own copy
            return super().do_copy(src, dest)
        parent, name = os.path.split(dest)
        prefix = f".{name}.fetching-"
        for leftover in os.listdir(parent) if os.path.isdir(parent) else []:  # of a fetch killed outright
            if leftover.startswith(prefix):
                shutil.rmtree(os.path.join(parent, leftover), ignore_errors=True)
        staging = os.path.join(parent, f"{prefix}{os.getpid()}")
        try:
            shutil.copytree(src, staging, ignore=shutil.ignore_patterns(*self.coursedir.ignore))
        except BaseException as error:  # a Ctrl-C too
            shutil.rmtree(staging, ignore_errors=True)
            if not isinstance(error, Exception):
                raise
            why = (
                f"the disk of your home ({parent}) is full: make room (remove files you no longer need, or tell the instructor, "
                "since the class shares that disk), then fetch again"
                if disk_full(error)
                else "you have used up your disk quota, which your home and your submissions count in: make room (remove files you "
                "no longer need; du -sh ~/* ~/.[!.]* in a terminal shows what holds it), then fetch again"
                if quota_used_up(error)
                else f"its copy failed ({error}); fetch again"
            )
            message = f"Not fetched: {self.coursedir.assignment_id}, since {why}. Nothing of this try is left in your home"
            self.log.error(message)
            raise ExchangeError(message) from error
        os.rename(staging, dest)

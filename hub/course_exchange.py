"""nbgrader's exchange as the course hub uses it (hub/nbgrader_course.py configures it).

nbgrader leaves a submission's folder open to every user of the machine (mode 0777) and
counts on its name, which has a random part, in a listing students cannot read, to hide it.
Here the folder is open to its student and the instructor only: the exchange's inbound folder
gives what is made in it the instructor's group (nbgrader makes it set-group-id), and the
submission's folder keeps its rights for that group alone, so that no other student can enter
it, whatever its files' own modes. Collect takes only what a student made themselves
(CourseCollect).
"""
import datetime
import fnmatch
import os
import pwd

from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.submit import ExchangeSubmit

SUBMISSION_DIR_MODE = 0o770
# a submission's time may run ahead of the instructor's clock by this much (clocks differ a little)
CLOCK_SKEW = datetime.timedelta(minutes=10)


class CourseSubmit(ExchangeSubmit):
    def copy_files(self):
        super().copy_files()
        os.chmod(os.path.join(self.inbound_path, self.assignment_filename), SUBMISSION_DIR_MODE)


def _links_in(path):
    """Whether `path` is a symbolic link or holds one."""
    if os.path.islink(path):
        return True
    for root, dirs, files in os.walk(path):
        if any(os.path.islink(os.path.join(root, name)) for name in dirs + files):
            return True
    return False


def _size(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


class CourseCollect(ExchangeCollect):
    """nbgrader's collect, which takes from the inbound folder, writable by every student, only
    what its student made there. nbgrader collected, as the instructor, any folder named
    `<student>+<assignment>+<time>+<random>`: one student's folder named for another replaced that
    student's submission (the latest time wins, and a time in 2099 always does); a link, or a folder
    holding one, was followed, so that the course's source with its solutions became a submission,
    graded in full and returned as feedback; a link to a large folder failed the copy after the
    student's earlier submission had been removed, and stopped the collection of the class. Such a
    folder is left where it is, with a warning naming it and why: a link or a folder holding one;
    on a hub that gives each user a system account (NEURAL_MI_HUB_SYSTEM_USERS), a folder not owned
    by the student's account; a time in the future; a folder without its timestamp.txt; one over
    the size nbgrader copies."""

    def _acceptable(self, path):
        name = os.path.basename(path)
        student = name.rsplit("+", 3)[0]
        if _links_in(path):
            return "it is, or holds, a symbolic link"
        if not os.path.isdir(path):
            return "it is not a folder"
        prefix = os.environ.get("NEURAL_MI_HUB_SYSTEM_USERS")
        if prefix:
            try:
                owner = pwd.getpwuid(os.lstat(path).st_uid).pw_name
            except KeyError:
                owner = f"user id {os.lstat(path).st_uid}"
            if owner != prefix + student:
                return f"it is owned by {owner}, not by {prefix + student}"
        try:
            when = self._path_to_record(path)["timestamp"]
        except Exception as error:  # nbgrader's own parse: a name it cannot read
            return f"its name does not hold a time nbgrader reads ({error})"
        now = datetime.datetime.now(datetime.timezone.utc)
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)
        if when > now + CLOCK_SKEW:
            return f"its time ({when.isoformat()}) is in the future"
        if not os.path.isfile(os.path.join(path, "timestamp.txt")):
            return "it has no timestamp.txt (nbgrader submit writes one)"
        if _size(path) > 1000 * self.coursedir.max_dir_size:
            return f"it holds more than nbgrader's max_dir_size ({self.coursedir.max_dir_size} kB)"
        return None

    def init_src(self):
        super().init_src()
        # nbgrader's choice of the latest record per student, made again among the acceptable ones only
        # nbgrader's own pattern for the student: "*" for all
        pattern_student = self.coursedir.student_id or "*"
        by_student = {}
        for name in sorted(os.listdir(self.inbound_path)):
            parts = name.rsplit("+", 3)
            if len(parts) < 3 or parts[1] != self.coursedir.assignment_id:
                continue
            if not fnmatch.fnmatchcase(parts[0], pattern_student):
                continue
            path = os.path.join(self.inbound_path, name)
            reason = self._acceptable(path)
            if reason is not None:
                self.log.warning("Not collected: %s, since %s", path, reason)
                continue
            by_student.setdefault(parts[0], []).append(self._path_to_record(path))
        chosen = []
        for records in by_student.values():
            records = self._sort_by_timestamp(records)
            if self.duedate is not None and self.before_duedate:
                before = [record for record in records if record["timestamp"] <= self.duedate]
                chosen.append(before[0] if before else records[0])
            else:
                chosen.append(records[0])
        self.src_records = chosen

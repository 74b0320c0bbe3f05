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
import errno
import fnmatch
import heapq
import os
import pwd
import re
import shutil
import stat
import sys
import tempfile

import dateutil.tz
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange import ExchangeError
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.exchange.default.submit import ExchangeSubmit
from nbgrader.utils import check_mode, find_all_notebooks, ignore_patterns, parse_utc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "autograder", "src", "nbgrader"))
# a submission deeper or with more files and folders than these is refused
from process_start import start_time  # noqa: E402
from submission_bounds import MAX_DEPTH, MAX_ENTRIES  # noqa: E402

from collect_record import hold_collects, read_record, record_path, write_record  # noqa: E402
from disk_errors import disk_full, quota_used_up  # noqa: E402
from escaped_text import escaped  # noqa: E402
from renamed_submissions import read_renamed, submission_change  # noqa: E402

SUBMISSION_DIR_MODE = 0o770
# a student's submissions tried, newest first, until one passes: each is copied before its checks,
# and 30 refused folders of 99 MB sparse files (no disk of the student's) cost each collect 3 GB of copying
MAX_TRIED = 3
# the most of a student's untried submissions named in collect's warning, and of the folders named for a
# student refused before any copy (a line each)
MAX_NAMED = 10
# the most lines for the folders refused before any copy, the students' together
MAX_REFUSED_LINES = 100
# the most of a student's folders for an assignment looked at, the latest by their times
MAX_CANDIDATES = 1000
# a submission's time may run ahead of its folder's change time by this much (clocks differ a little)
CLOCK_SKEW = datetime.timedelta(minutes=10)
# the time nbgrader submit puts in a folder's name (its default timestamp_format), in its timezone (UTC unless set)
NAME_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6}) ([A-Za-z][A-Za-z0-9_/+-]*)")
# how long after its time a submission's files may still change: nbgrader submit takes its time, then
# copies the files and sets their modes, in seconds. Any longer, and a folder made by hand could claim
# a time before it was made (it had 10 minutes: a deadline held to within them)
SUBMIT_TIME = datetime.timedelta(minutes=2)
# the longest timestamp.txt read: nbgrader submit writes some 30 bytes, and dateutil takes time quadratic in
# what it is given ("1.1.1…": 3 s for 160 kB), so a student's 16 MB one held every collect of the class for hours
MAX_TIMESTAMP_BYTES = 256


class CourseSubmit(ExchangeSubmit):
    def init_src(self):
        # `nbgrader submit a` run inside the folder `a` itself looked for `a/a` and answered
        # "Assignment not found ... Did you mean: a/a.ipynb"; the folder the student is in is the one meant
        here = os.path.abspath(self.assignment_dir)
        assignment = self.coursedir.assignment_id
        if (
            not self.path_includes_course
            and os.path.basename(here) == assignment
            and not os.path.isdir(os.path.join(here, assignment))
        ):
            self.log.info("Submitting the folder you are in, %s (the assignment %s)", here, assignment)
            self.assignment_dir = os.path.dirname(here)
        super().init_src()
        unreadable = _notebooks_not_utf8(self.src_path)
        if unreadable:
            self.fail(
                f"Not submitted: {self.coursedir.assignment_id} holds the notebook {unreadable[0]}, whose name is not UTF-8 text "
                "(a file unpacked from an archive made with another encoding's names?): nbgrader's autograde grades none of a "
                "submission holding one, and Fetch Feedback stops at it. Rename it, or move it out of the assignment's folder, "
                "then submit again"
            )

    def check_filename_diff(self):
        # nbgrader only warned in its log of a released notebook missing from the submission (renamed in JupyterLab,
        # saved under another name, deleted): the Assignment List said it was submitted, and autograde gave it nothing
        released = set(find_all_notebooks(self.release_path))
        submitted = set(find_all_notebooks(self.src_path))
        missing = sorted(released - submitted)
        if missing:
            others = sorted(n for n in submitted - released if not any(part.startswith(".") for part in n.split(os.sep)))
            names = ", ".join(missing)
            if others:
                fix = (
                    f"it holds {', '.join(others)} instead (renamed, or a copy saved under another name?): rename the notebook "
                    f"holding your answers back to {missing[0]}"
                )
            else:
                fix = (
                    f"rename the folder {self.coursedir.assignment_id} (your files stay in it), fetch {self.coursedir.assignment_id} "
                    "again and copy your answers into its notebook"
                )
            self.fail(
                f"Not submitted: {self.coursedir.assignment_id} has no {names}, the notebook grading takes, so it would be graded as "
                f"not handed in: {fix}, then submit again"
            )
        super().check_filename_diff()

    def _ignore(self):
        """nbgrader's ignore function for a submission's copy, which also leaves out links to folders and what is
        neither a file nor a folder (a named pipe, a device, or a link to one): its copy followed them, so a link to a
        folder of data beside the notebooks, uncounted by the size check, was handed in whole (over the limit: collect
        then refused the submission, and took the student's older one, though she had read "Submitted"), a link to
        her home copied it into itself, level after level, into the exchange's disk, and a link to a device
        (/dev/zero) wrote without end. A link to a file is still handed in as the file (a notebook kept elsewhere and
        linked), counted in the size."""
        ignore = ignore_patterns(exclude=self.coursedir.ignore, include=self.coursedir.include, max_file_size=self.coursedir.max_file_size)

        def ignored(folder, names):
            left_out = set(ignore(folder, names))
            for name in names:
                if name in left_out:
                    continue
                try:
                    mode = os.lstat(os.path.join(folder, name)).st_mode
                    if stat.S_ISLNK(mode):
                        mode = os.stat(os.path.join(folder, name)).st_mode
                        if stat.S_ISDIR(mode):
                            mode = 0
                except OSError:
                    continue
                if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                    left_out.add(name)
            return left_out

        return ignored

    def get_size(self, root):
        """The bytes nbgrader's copy of `root` takes: what its own count took was every file, those its copy leaves
        out too (the course's ignore list, node_modules and .ipynb_checkpoints among them, and files over
        max_file_size), so a student who had run npm install in her chapter's folder read a traceback,
        "Directory size is too big", for a submission of a few kB. Files reached through a link count, as
        the copy takes their content; links to folders are left out, as the copy leaves them (_ignore). The largest
        are kept for the message (do_copy)."""
        ignore = self._ignore()
        total, files = 0, []
        for folder, folders, names in os.walk(root):
            left_out = set(ignore(folder, folders + names))
            folders[:] = [name for name in folders if name not in left_out]
            for name in names:
                if name in left_out:
                    continue
                try:
                    size = os.path.getsize(os.path.join(folder, name))
                except OSError:
                    continue
                total += size
                files.append((size, os.path.relpath(os.path.join(folder, name), root)))
        self._largest = sorted(files, reverse=True)[:3]
        return total

    def _copy_tree(self, src, dest):
        """nbgrader's copy (Exchange.do_copy: the size checked, then copytree) with links left out (_ignore)."""
        if self.coursedir.groupshared:
            return super().do_copy(src, dest)
        size = self.get_size(src)
        if size > 1000 * self.coursedir.max_dir_size:
            raise RuntimeError(f"Directory size is too big. Size is {size}, maximum size is {1000 * self.coursedir.max_dir_size}")
        shutil.copytree(src, dest, ignore=self._ignore())

    def do_copy(self, src, dest, log=None):
        handed_in = os.path.join(self.inbound_path, self.assignment_filename)
        if os.path.abspath(dest) != os.path.abspath(handed_in) and os.path.isdir(handed_in):
            # the copy to her home (nbgrader's cache) comes after inbound's, whose folder nbgrader has just opened to
            # every account (0777): closed now, not after that copy, it is not open through it, and its change time,
            # which collect holds against the submission's time (SUBMIT_TIME), is not that copy's end (a slow home
            # disk made a submission look changed after its time, and collect refused it)
            os.chmod(handed_in, SUBMISSION_DIR_MODE)
        try:
            return self._copy_tree(src, dest)
        except RuntimeError as error:
            if "Directory size is too big" not in str(error):
                raise
            mb = lambda size: f"{size / 1e6:.1f} MB"  # noqa: E731
            largest = ", ".join(f"{name} ({mb(size)})" for size, name in getattr(self, "_largest", []))
            message = (
                f"Not submitted: {self.coursedir.assignment_id} holds {mb(self.get_size(src))} to hand in, over the course's limit of "
                f"{mb(1000 * self.coursedir.max_dir_size)} (nbgrader's max_dir_size); its largest files: {largest}. Move the files the "
                "assignment does not need out of its folder, then submit again"
            )
            self.log.error(message)
            raise ExchangeError(message) from error

    def copy_files(self):
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        try:
            super().copy_files()
        except OSError as error:  # shutil.Error, of a copy cut short, is one
            if _handed_in_whole(dest):
                self._cache_failed(dest, error)
            # A copy cut short (the exchange's disk full) left a folder without its timestamp.txt in
            # inbound, holding the space it had taken: collect skipped it with a warning, and the
            # student read a traceback.
            shutil.rmtree(dest, ignore_errors=True)
            full = disk_full(error)
            message = (
                f"Not submitted: the exchange's disk is full ({self.root}), so {self.coursedir.assignment_id} could not be handed in; "
                "nothing of this try is left there, and an earlier submission of yours stands. Tell the instructor, and submit again once there is room"
                if full
                else f"Not submitted: you have used up your disk quota, which your home and your submissions count in, so {self.coursedir.assignment_id} "
                "could not be handed in; nothing of this try is left there, and an earlier submission of yours stands. Make room in your home "
                "(remove files you no longer need; du -sh ~/* ~/.[!.]* in a terminal shows what holds it), then submit again"
                if quota_used_up(error)
                else f"Not submitted: {self.coursedir.assignment_id} could not be copied to the exchange ({error}); nothing of this try is left there, "
                "and an earlier submission of yours stands"
            )
            self.log.error(message)
            raise ExchangeError(message) from error
        if stat.S_IMODE(os.stat(dest).st_mode) != SUBMISSION_DIR_MODE:  # closed already (do_copy): its change time stays
            os.chmod(dest, SUBMISSION_DIR_MODE)

    def _cache_failed(self, dest, error):
        """inbound's copy is whole, and what failed came after it: nbgrader's copy of the submission in
        the student's home (its cache), from which her Assignment List shows the submission and Fetch
        Feedback finds its feedback (by the secret kept there). Before, she read a traceback and took
        the submission for failed, the folder in inbound stayed open to every account (nbgrader's 0777,
        which the end of this method narrows), and the part of the cache left without its secret found
        no feedback, ever."""
        os.chmod(dest, SUBMISSION_DIR_MODE)
        name = self.assignment_filename.rsplit("+", 1)[0] if self.add_random_string else self.assignment_filename
        shutil.rmtree(os.path.join(self.cache_path, name), ignore_errors=True)
        full = disk_full(error)
        why = "your home's disk is full" if full else "you have used up your disk quota" if quota_used_up(error) else f"its copy failed ({error})"
        message = (
            f"Submitted: {self.coursedir.assignment_id} is handed in (the instructor collects it), but the record of it in your home "
            f"({self.cache_path}) could not be made, since {why}; without it Fetch Feedback finds no feedback for this submission. "
            "Make room in your home, then submit again"
        )
        self.log.error(message)
        raise ExchangeError(message) from error


def _handed_in_whole(folder):
    """Whether nbgrader finished a submission's folder: its secret, written last, is whole (64 bytes, as hex)."""
    try:
        with open(os.path.join(folder, "submission_secret.txt"), encoding="utf-8") as secret:
            return len(secret.read().strip()) == 128
    except OSError:
        return False


def _notebooks_not_utf8(folder):
    """The notebooks (*.ipynb) directly in `folder` whose names are not UTF-8, shown with their odd bytes escaped.
    nbgrader stores a notebook's name in the gradebook and hashes it for its feedback's name, both as UTF-8:
    autograde failed for the student's whole submission (her other notebooks ungraded), and fetch_feedback
    stopped at it, for every later assignment of hers too (its copy stays in her nbgrader cache)."""
    unreadable = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".ipynb"):
            try:
                name.encode("utf-8")
            except UnicodeEncodeError:
                unreadable.append(os.fsencode(name).decode("utf-8", "backslashreplace"))
    return unreadable


class Refused(Exception):
    """Why a submission folder is not collected."""


def name_time(text):
    """The time in a submission folder's name, as nbgrader's parse_utc gives it (UTC, without a zone), or None
    for one not in nbgrader submit's form. Read without dateutil, which took some 0.25 ms a name, three times a
    folder: a student's 100,000 folders made by hand in inbound cost every collect some 40 s."""
    match = NAME_TIME.fullmatch(text)
    if match is None:
        return None
    zone = _zone(match.group(8))
    if zone is None:
        return None
    try:
        when = datetime.datetime(*(int(part) for part in match.groups()[:7]), tzinfo=zone)
    except ValueError:
        return None
    return when.astimezone(datetime.timezone.utc).replace(tzinfo=None)


# zone names looked up, a collect's: a course writes one or two (summer time); made-up ones each cost a look-up
_ZONES = {"UTC": datetime.timezone.utc}
MAX_ZONES = 16


def look_up_course_zones(timezone):
    """The zone names nbgrader submit writes in the course's timezone (Exchange.timezone), its standard and its summer
    time's, looked up before any folder's: with the lookups bounded (MAX_ZONES), a student's 16 folders with made-up
    zones, listed first, had left the course's own "EST" unread, and every classmate's submission was refused."""
    zone = dateutil.tz.gettz(timezone)
    if zone is None:
        return
    year = datetime.datetime.now().year
    for month in (1, 7):
        name = datetime.datetime(year, month, 1, tzinfo=zone).strftime("%Z")
        if name not in _ZONES:
            _ZONES[name] = dateutil.tz.gettz(name) or datetime.timezone.utc


def _zone(name):
    """The timezone of a name's time as nbgrader's parse_utc reads its zone's name (one dateutil does not know, a
    summer time's "CEST", as UTC), or None past MAX_ZONES names."""
    if name not in _ZONES:
        if len(_ZONES) >= MAX_ZONES:
            return None
        _ZONES[name] = dateutil.tz.gettz(name) or datetime.timezone.utc
    return _ZONES[name]


DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


def _account_name(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user id {uid}"


def copy_own_tree(src, dest, max_bytes, owner_uid=None):
    """Copies the submission folder `src` to `dest`, a folder of the instructor's that does not
    exist yet, following no link: every folder and file is opened relative to its opened parent
    without following a link, so that a student who swaps a file or folder for a link while the
    copy runs (the student owns the folder, and can) stops the copy instead of having the link's
    target copied. Raises Refused, with `dest` removed, for a link (a hard link too), anything but files and
    folders, a top folder not owned by `owner_uid` (when given) or more than `max_bytes` in all.
    Returns the latest change time (ctime, in ns) of what it copied, which no one but root can set."""
    try:
        top = os.open(src, DIRECTORY)
    except OSError as error:
        raise Refused("it is, or holds, a symbolic link" if os.path.islink(src) else f"it is not a folder ({error.strerror})")
    try:
        if owner_uid is not None and os.fstat(top).st_uid != owner_uid:
            raise Refused(f"it is owned by {_account_name(os.fstat(top).st_uid)}, not by {pwd.getpwuid(owner_uid).pw_name}")
        budget = [max_bytes, MAX_ENTRIES, os.fstat(top).st_ctime_ns]
        _copy_folder(top, dest, budget, 0)
        return budget[2]
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    finally:
        os.close(top)


def _copy_folder(folder_fd, dest, budget, depth):
    if depth > MAX_DEPTH:
        raise Refused(f"it holds folders nested more than {MAX_DEPTH} deep")
    os.mkdir(dest, 0o700)
    # read a name at a time: a listing taken whole held every name of a folder of 10 million empty files (a student's
    # inodes, no disk) in the instructor's memory, some 1 GB, at each of its tries in every collect
    with os.scandir(folder_fd) as entries:
        for entry in entries:
            _copy_entry(folder_fd, entry.name, dest, budget, depth)


def _copy_entry(folder_fd, name, dest, budget, depth):
    budget[1] -= 1
    if budget[1] < 0:
        raise Refused(f"it holds more than {MAX_ENTRIES} files and folders")
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused("it is, or holds, a symbolic link")
        raise
    try:
        info = os.fstat(fd)
        budget[2] = max(budget[2], info.st_ctime_ns)
        if stat.S_ISDIR(info.st_mode):
            _copy_folder(fd, os.path.join(dest, name), budget, depth + 1)
        elif stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
            # where fs.protected_hardlinks is 0 a student may link a file she cannot read (the
            # gradebook, the course's source), which this copy, run by the instructor, would read
            raise Refused(f"it holds {name}, a hard link (one file under several names, the others anywhere on the disk)")
        elif stat.S_ISREG(info.st_mode):
            _copy_file(fd, os.path.join(dest, name), info, budget)
        else:
            raise Refused(f"it holds {name}, which is neither a file nor a folder")
    finally:
        os.close(fd)


def _copy_file(fd, dest, info, budget):
    # by its size before any byte is read: a sparse file costs its student no disk
    if info.st_size > budget[0]:
        raise Refused("it holds more than nbgrader's max_dir_size")
    with open(dest, "xb") as out:
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            budget[0] -= len(chunk)
            if budget[0] < 0:
                raise Refused("it holds more than nbgrader's max_dir_size")
            out.write(chunk)
    os.chmod(dest, stat.S_IMODE(info.st_mode) & 0o755 | 0o600)
    os.utime(dest, ns=(info.st_atime_ns, info.st_mtime_ns))


def _submission_files_problem(folder, submitted):
    """Why the files nbgrader submit writes beside the notebooks are missing or unreadable, or None.
    nbgrader reads them later for the whole class at once: a timestamp.txt that is not a time stopped
    every later `collect --update` (nbgrader's own error handling fails there), and a missing
    submission_secret.txt stopped `release_feedback` for every student. nbgrader submit writes the
    time of the folder's name (`submitted`) into timestamp.txt, and autograde takes the submission's
    time, the one its late penalty counts from, from that file: one the student rewrote to an earlier
    time (in the minutes that the change times allow, below) made a late submission an early one."""
    timestamp = os.path.join(folder, "timestamp.txt")
    if not os.path.isfile(timestamp):
        return "it has no timestamp.txt (nbgrader submit writes one)"
    try:
        with open(timestamp, "rb") as file:
            text = file.read(MAX_TIMESTAMP_BYTES + 1)
        if len(text) > MAX_TIMESTAMP_BYTES:
            return f"its timestamp.txt holds more than the {MAX_TIMESTAMP_BYTES} bytes of a time nbgrader submit writes"
        written = parse_utc(text.decode("utf-8").strip())
    except Exception as error:
        return f"its timestamp.txt does not hold a time nbgrader reads ({error})"
    if written != submitted:
        return f"its timestamp.txt says {written.isoformat()}, not its name's time ({submitted.isoformat()})"
    unreadable = _notebooks_not_utf8(folder)
    if unreadable:
        return f"it holds the notebook {unreadable[0]}, whose name is not UTF-8 text (autograde grades none of such a submission)"
    secret = os.path.join(folder, "submission_secret.txt")
    if not os.path.isfile(secret):
        return "it has no submission_secret.txt (nbgrader submit writes one; feedback is released with it)"
    # nbgrader submit writes hex digits; release_feedback failed on an empty file (an assertion) or
    # one that is not text, and stopped there for every student after this one
    with open(secret, "rb") as file:
        if not re.fullmatch(rb"[0-9a-f]+", file.read()):
            return "its submission_secret.txt does not hold the hex digits nbgrader submit writes (release_feedback stops at it)"
    return None


def _changed_after(submitted, changed_ns):
    """Why a submission changed after its time, or None. The student owns the folder: a notebook
    edited after the deadline kept its submission's time, and a folder made by hand with a past time
    passed for an early submission. A file's change time (ctime) is the clock's, whatever the student
    sets its other times to."""
    if submitted.tzinfo is None:
        submitted = submitted.replace(tzinfo=datetime.timezone.utc)
    changed = datetime.datetime.fromtimestamp(changed_ns / 1e9, tz=datetime.timezone.utc)
    if changed <= submitted + SUBMIT_TIME:
        return None
    return f"it was changed at {changed.isoformat(timespec='seconds')}, after its submission time ({submitted.isoformat(timespec='seconds')})"


def _shown(text):
    """A name a student chose (of a folder in inbound, or in it) as collect's log shows it: bytes not UTF-8 and
    control characters escaped. A folder named with a line break and a line of collect's own wrote that line in
    the instructor's log ("Collecting submission: ..."), and terminal escapes went to the instructor's terminal."""
    return escaped(text)


# the checked copies of a collect, in the temporary folder: named for the process (its id and start)
STAGING_PREFIX = "neural-mi-collect-"


def _remove_stale_staging():
    """Removes the checked copies a collect stopped outright left in the temporary folder (its terminal closed as
    the instructor's server stopped: the hub's restart, the culler; kill -9), of this account: each held a copy of
    the class's submissions, and the instructor's files are never removed at a server's stop, so every collect
    stopped so added one for good. A copy whose collect still runs (its id and start) is left to it."""
    base = tempfile.gettempdir()
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        parts = name[len(STAGING_PREFIX):].split("-") if name.startswith(STAGING_PREFIX) else []
        if len(parts) < 3 or not parts[0].isdigit():
            continue
        path = os.path.join(base, name)
        try:
            if os.lstat(path).st_uid != os.geteuid():
                continue
        except OSError:
            continue
        if start_time(int(parts[0])) != parts[1]:
            shutil.rmtree(path, ignore_errors=True)


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
    by the student's account; a time in the future; a folder without a timestamp.txt holding a time
    or without its submission_secret.txt (nbgrader reads them later for the whole class, and stopped
    at one bad file); one over the size nbgrader copies, or with folders nested over MAX_DEPTH deep.

    The checks are made on a copy of the instructor's (`copy_own_tree`, in a private folder), from
    which nbgrader then collects: checked in inbound, a folder the student owns could be changed
    between the check and nbgrader's copy, which follows links (a link to the course's source put
    in place just after the check was collected, and its solutions returned as feedback).

    A folder a hub start renamed for a renamed student (renamed_submissions.py) is held to the change time it had
    before the rename, as long as nothing changed it since."""

    def _path_to_record(self, path):
        """nbgrader's record of a folder in inbound; one whose name holds no time in nbgrader submit's form is
        marked `unreadable` (and put first in time) instead of raising: nbgrader's own listing parsed every name
        matching `*+<assignment>+*` before any check, and a folder any student made in inbound,
        `x+<assignment>+garbage`, stopped the collection of the whole class with a traceback."""
        filename = os.path.basename(path)
        parts = filename.rsplit("+", 3)
        when = name_time(parts[2]) if len(parts) >= 3 else None
        record = {"username": parts[0], "filename": filename, "timestamp": when or datetime.datetime.min}
        if when is None:
            record["unreadable"] = True
        return record

    def _name_problem(self, record, info):
        """Why a folder's name is not a submission's, or None. Its time may not run ahead of its folder's change
        time, which no one but root sets: a folder named for a classmate with a time in 2099 replaced her
        submission. The instructor's clock is not asked: set back (by hand, a restore), it took the submissions
        made before as from the future, and left them in inbound until it had caught up."""
        if "unreadable" in record:
            return "its name does not hold a time as nbgrader submit writes it (YYYY-MM-DD HH:MM:SS.ffffff UTC, or another timezone)"
        when = record["timestamp"]
        changed = datetime.datetime.fromtimestamp(info.st_ctime, datetime.timezone.utc).replace(tzinfo=None)
        if when > changed + CLOCK_SKEW:
            return (
                f"its time ({when.replace(tzinfo=datetime.timezone.utc).isoformat()}) is in the future of its folder, "
                f"last changed at {changed.replace(tzinfo=datetime.timezone.utc).isoformat(timespec='seconds')}"
            )
        return None

    def _owner_uid(self, student):
        """The user id of the student's account on a hub that gives each user one, or None; looked up once a student."""
        prefix = os.environ.get("NEURAL_MI_HUB_SYSTEM_USERS")
        if not prefix:
            return None
        owners = self.__dict__.setdefault("_owners", {})
        if student not in owners:
            try:
                owners[student] = pwd.getpwnam(prefix + student).pw_uid
            except KeyError:
                owners[student] = None
        if owners[student] is None:
            raise Refused(f"its student has no account {prefix + student}")
        return owners[student]

    def _not_the_students(self, path, student):
        """Why a folder named for `student` is not theirs to hand in (not a folder of their account's), or None,
        with the folder's lstat. Checked before it counts as one of the student's submissions: a classmate's
        decoys named for them, each refused when copied, had used up the tries (MAX_TRIED), and the
        student's own submission was not collected."""
        try:
            owner_uid = self._owner_uid(student)
            info = os.lstat(path)
        except Refused as refused:
            return str(refused), None
        except OSError as error:
            return f"it could not be read ({error})", None
        if not stat.S_ISDIR(info.st_mode):
            return ("it is, or holds, a symbolic link" if stat.S_ISLNK(info.st_mode) else "it is not a folder"), info
        if owner_uid is not None and info.st_uid != owner_uid:
            return f"it is owned by {_account_name(info.st_uid)}, not by {pwd.getpwuid(owner_uid).pw_name}", info
        return None, info

    def _stage(self, record):
        """Copies the record's folder into the staging folder; the reason it is refused, or None."""
        name = record["filename"]
        copy = os.path.join(self._staging, name)
        try:
            owner_uid = self._owner_uid(record["username"])
            changed = copy_own_tree(os.path.join(self.inbound_path, name), copy, 1000 * self.coursedir.max_dir_size, owner_uid)
        except Refused as refused:
            reason = str(refused)
            return reason + f" ({self.coursedir.max_dir_size} kB)" if reason.endswith("max_dir_size") else reason
        except OSError as error:
            shutil.rmtree(copy, ignore_errors=True)
            if disk_full(error):
                # the instructor's disk, not the submission: each student's read "could not be read", three tries
                # each, and the class went uncollected
                self.fail(
                    f"Not collected: the disk of the collect's checked copies ({self._staging}) is full. Make room there, or set TMPDIR "
                    "to a folder on a disk with room, then collect again"
                )
            return f"it could not be read ({error})"
        # a folder a hub start renamed for its renamed student: the rename changed it, not the student
        changed = submission_change(self._renamed, name, changed)
        reason = _submission_files_problem(copy, record["timestamp"]) or _changed_after(record["timestamp"], changed)
        if reason is not None:
            shutil.rmtree(copy)
        return reason

    def init_src(self):
        # nbgrader's own listing, whose names each went through dateutil, is not used (name_time)
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        if not check_mode(self.inbound_path, read=True, execute=True):
            self.fail(f"You don't have read permissions for the directory: {self.inbound_path}")
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gradebook:
            try:
                self.duedate = gradebook.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self._record_file = record_path(self.coursedir.root, self.coursedir.assignment_id)
        self._lock = hold_collects(self._record_file)
        if self._lock is None:
            self.fail(
                f"Not collected: another collect of {self.coursedir.assignment_id} is running (in a terminal, or the formgrader's Collect); "
                "collect again once it has finished"
            )
        _remove_stale_staging()
        self._staging = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-{start_time(os.getpid())}-")
        self._record = read_record(self._record_file)
        self._renamed = read_renamed(self.coursedir.root)
        look_up_course_zones(self.timezone)
        # nbgrader's own pattern for the student: "*" for all
        pattern_student = self.coursedir.student_id or "*"
        by_student, refused = {}, {}
        for name in sorted(os.listdir(self.inbound_path)):
            parts = name.rsplit("+", 3)
            if len(parts) < 3 or parts[1] != self.coursedir.assignment_id:
                continue
            if not fnmatch.fnmatchcase(parts[0], pattern_student):
                continue
            path = os.path.join(self.inbound_path, name)
            record = self._path_to_record(path)
            reason, info = self._not_the_students(path, parts[0])
            reason = reason or self._name_problem(record, info)
            if reason is not None:
                refused.setdefault(parts[0], []).append((path, reason))
                continue
            by_student.setdefault(parts[0], []).append(record)
        self._report_refused(refused)
        chosen, self._seen, self._candidates = [], {}, {}
        for student, records in by_student.items():
            records = self._newest_first(student, self._most_recent(student, records))
            self._candidates[student] = {r["filename"] for r in records}
            if self._collected_already(student, records[0]):
                # checked when it was collected, and nothing newer: not copied again (each collect copied the whole
                # class's submissions before it found them collected)
                chosen.append(records[0])
                self._seen[student] = [r["filename"] for r in records]
                continue
            for tried, record in enumerate(records):
                if tried == MAX_TRIED:
                    # named up to MAX_NAMED: a student's 100,000 folders made by hand in inbound made one line of 6 MB
                    older = records[MAX_TRIED:]
                    left = ", ".join(_shown(r["filename"]) for r in older[:MAX_NAMED])
                    if len(older) > MAX_NAMED:
                        left += f" and {len(older) - MAX_NAMED} older ones"
                    self.log.warning(
                        "Not collected: %s, since none of its student's %d newer submissions passed and older ones are not tried "
                        "(each is copied before it is checked); the student submits again",
                        left, MAX_TRIED,
                    )
                    break
                reason = self._stage(record)
                if reason is None:
                    chosen.append(record)
                    # what it passes over is not new to the next collect, but for those of later times left for
                    # the due date (before_duedate), which a later collect without it takes
                    seen = self._seen_before(student)
                    self._seen[student] = [r["filename"] for r in records[tried:] if r["filename"] in seen or r["timestamp"] <= record["timestamp"]]
                    break
                self.log.warning("Not collected: %s, since %s", _shown(os.path.join(self.inbound_path, record["filename"])), _shown(reason))
        self.src_records = chosen

    def _report_refused(self, refused):
        """A line for each folder refused before any copy, up to MAX_NAMED a student and MAX_REFUSED_LINES in all, then
        one line for the rest: a classmate's 100,000 folders named for a student made as many lines, and so did
        folders named for as many made-up students."""
        lines, left = 0, 0
        for student, folders in refused.items():
            shown = folders[:MAX_NAMED] if lines < MAX_REFUSED_LINES else []
            for path, reason in shown:
                self.log.warning("Not collected: %s, since %s", _shown(path), _shown(reason))
            lines += len(shown)
            if shown and len(folders) > len(shown):
                self.log.warning(
                    "Not collected: %d more folders named for %s in %s, for such reasons", len(folders) - len(shown), _shown(student), _shown(self.inbound_path)
                )
                lines += 1
            if not shown:
                left += len(folders)
        if left:
            self.log.warning("Not collected: %d more folders in %s, named for other students, for such reasons", left, _shown(self.inbound_path))

    def _most_recent(self, student, records):
        """A student's MAX_CANDIDATES folders of the latest times, and the one collected last: nbgrader submit
        makes one a submission, and a student's million folders made by hand were each sorted, and kept by name in
        the record of what collects saw, at every collect."""
        if len(records) <= MAX_CANDIDATES:
            return records
        past = self._record.get(student) if isinstance(self._record.get(student), dict) else {}
        last = (past.get("collected") or [None])[-1]
        kept = heapq.nlargest(MAX_CANDIDATES, records, key=lambda r: r["timestamp"])
        kept += [r for r in records if r["filename"] == last and r not in kept]
        self.log.warning(
            "Not collected: %d folders of %s in %s, older than the %d latest, are not looked at", len(records) - len(kept), _shown(student), _shown(self.inbound_path), MAX_CANDIDATES
        )
        return kept

    def _collected_already(self, student, record):
        """Whether `record`, the first of a student's to try, is the one the last collect took, still in submitted/."""
        past = self._record.get(student) if isinstance(self._record.get(student), dict) else {}
        collected = past.get("collected") or [None]
        dest = self.coursedir.format_path(self.coursedir.submitted_directory, student, self.coursedir.assignment_id)
        return record["filename"] == collected[-1] and os.path.isdir(dest)

    def _seen_before(self, student):
        """The folders of the student's that an earlier collect saw, or took."""
        past = self._record.get(student) if isinstance(self._record.get(student), dict) else {}
        return set(past.get("seen", [])) | set(past.get("collected", []))

    def _newest_first(self, student, records):
        """A student's submissions in the order they are tried: those no earlier collect saw (collect_record.py),
        by the times of their names, then the one collected last, then the others by time; those before the due
        date first when nbgrader's before_duedate asks for them."""
        past = self._record.get(student) if isinstance(self._record.get(student), dict) else {}
        seen = self._seen_before(student)
        last = (past.get("collected") or [None])[-1]
        records = sorted(records, key=lambda r: (r["filename"] not in seen, r["filename"] == last, r["timestamp"]), reverse=True)
        if self.duedate is not None and self.before_duedate:
            records = [r for r in records if r["timestamp"] <= self.duedate] + [r for r in records if r["timestamp"] > self.duedate]
        return records

    def start(self):
        try:
            return super().start()
        finally:
            # copies of the class's work, left behind had the collection stopped
            if getattr(self, "_staging", None):
                shutil.rmtree(self._staging, ignore_errors=True)
            if getattr(self, "_lock", None) is not None:
                os.close(self._lock)

    def do_copy(self, src, dest, log=None):
        """nbgrader's copy of one submission into submitted/<student>/<assignment>, put in place whole:
        made under a hidden name beside it and renamed once done. A collect cut short (a Ctrl-C, the
        disk filled, by a student's files too) left part of a submission there, a notebook missing or cut
        off, which the next `nbgrader collect` skipped as collected and autograde graded."""
        parent, name = os.path.split(dest)
        prefix = f".{name}.partial-"
        for leftover in os.listdir(parent):  # of a collect killed outright
            if leftover.startswith(prefix):
                shutil.rmtree(os.path.join(parent, leftover), ignore_errors=True)
        staging = os.path.join(parent, f"{prefix}{os.getpid()}")
        try:
            super().do_copy(src, staging, log)
        except BaseException as error:  # a Ctrl-C too
            shutil.rmtree(staging, ignore_errors=True)
            self.log.error(
                "Not collected: %s, since its copy was cut short (%s); nothing of it is in %s. Collect again%s",
                src,
                "stopped" if isinstance(error, KeyboardInterrupt) else error,
                parent,
                " once the disk has room" if disk_full(error) else "",
            )
            raise
        os.rename(staging, dest)

    def copy_files(self):
        """nbgrader's copy of each chosen submission into submitted/, from the checked copies (their owner, the
        instructor, is not the student's: the folders' owners were checked), and the record of what was taken.
        A submission replaces a collected one (--update) when no earlier collect saw it, whatever its time:
        nbgrader's took only one with a later time than the collected one's."""
        if not self.src_records:
            self.log.warning("No submissions of '%s' for course '%s' to collect", self.coursedir.assignment_id, self.coursedir.course_id)
        else:
            self.log.info("Processing %d submissions of '%s' for course '%s'", len(self.src_records), self.coursedir.assignment_id, self.coursedir.course_id)
        try:
            for record in self.src_records:
                self._collect_one(record)
        finally:
            shutil.rmtree(self._staging, ignore_errors=True)
            try:
                write_record(self._record_file, self._record)
            except OSError as error:
                # what was collected stands; the next collect goes by the names' times, as nbgrader's did
                self.log.warning("The record of what this collect took could not be written (%s): the next collect goes by the submissions' times", error)

    def _collect_one(self, record):
        student, assignment = record["username"], self.coursedir.assignment_id
        dest = self.coursedir.format_path(self.coursedir.submitted_directory, student, assignment)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        past = self._record.get(student) if isinstance(self._record.get(student), dict) else {}
        collected = [name for name in past.get("collected", []) if isinstance(name, str)]
        if not collected and os.path.isdir(dest) and self.coursedir.get_existing_timestamp(dest) == record["timestamp"]:
            # collected before this record was kept: the folder of the collected one's time is it
            collected = [record["filename"]]
        if not os.path.isdir(dest):
            updating = False
        else:
            if collected:
                new = record["filename"] != collected[-1]
            else:  # collected before this record was kept: nbgrader's rule, by the times
                existing = self.coursedir.get_existing_timestamp(dest)
                new = existing is None or record["timestamp"] > existing if self.update else existing != record["timestamp"]
            if not (new and (self.update or self.before_duedate)):
                if self.update:
                    self.log.info("No newer submission to collect: %s %s", _shown(student), assignment)
                else:
                    self.log.info("Submission already exists, use --update to update: %s %s", _shown(student), assignment)
                # what this collect chose, and passed over for it, is not marked seen: a collect without --update
                # leaves a newer one in inbound, and marked seen it was put after the collected one, which the
                # next `collect --update` then took again, "no newer submission", for good
                self._remember(student, collected, newly_seen=False)
                return
            updating = True
        self.log.info("%s submission: %s %s", "Updating" if updating else "Collecting", _shown(student), assignment)
        if updating:
            shutil.rmtree(dest)
        self.do_copy(os.path.join(self._staging, record["filename"]), dest)
        self._remember(student, [name for name in collected if name != record["filename"]] + [record["filename"]])
        graded = self.coursedir.format_path(self.coursedir.autograded_directory, student, assignment)
        graded_time = self.coursedir.get_existing_timestamp(graded) if os.path.isdir(graded) else None
        if graded_time is not None and record["timestamp"] <= graded_time:
            # autograde regrades a submission only when its time is later than the graded one's: this one (the clock
            # set back) was left ungraded, "Skipping existing assignment", and her feedback stayed the older work's
            self.log.warning(
                "Collected %s's submission of %s, whose time is not later than the one autograded (the clock was set back?): "
                "autograde skips it unless forced: nbgrader autograde %s --student %s --force",
                _shown(student), assignment, assignment, _shown(student),
            )

    def _remember(self, student, collected, newly_seen=True):
        # of those still looked at (MAX_CANDIDATES): a student's folders made by hand, a thousand more at each
        # collect, grew the record without end
        seen = (self._seen_before(student) | set(self._seen.get(student, []) if newly_seen else [])) & self._candidates.get(student, set())
        self._record[student] = {"collected": collected, "seen": sorted(seen - set(collected))}

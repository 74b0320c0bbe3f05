"""What the earlier collects of an assignment took from the exchange's inbound folder, per student: the
folders collected, in order, and every folder a collect passed over as older than the one it chose.
Collect (course_exchange.py) takes a folder no earlier collect saw before those it saw, whatever the
times in their names: the times are the clock's at each submit, and a clock set back (by hand, or by a
machine's restore) gave what was submitted after it earlier times than what had been collected, which
`collect --update` then left in inbound as "no newer submission" until the clock had caught up. Kept in
the course's folder, the instructor's: `.collected/<assignment>.json`."""
import fcntl
import json
import os


def record_path(course_root, assignment):
    return os.path.join(course_root, ".collected", f"{assignment}.json")


def read_record(path):
    """{student: {"collected": [folder names, oldest first], "seen": [folder names]}}; empty when there is none.
    One that cannot be read counts as none: collect then goes by the names' times, as nbgrader's did."""
    try:
        with open(path, encoding="utf-8") as file:
            record = json.load(file)
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def write_record(path, record):
    """Written whole or not at all: a collect stopped midway leaves the last record, and the next collect
    sees again what this one saw."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.partial-{os.getpid()}"
    with open(partial, "w", encoding="utf-8") as file:
        json.dump(record, file)
    os.replace(partial, path)


def hold_collects(path):
    """An open descriptor holding the lock of the collects of the record at `path`, or None while another holds it.
    Two collects at once (the formgrader's Collect and one in a terminal) each removed what the other was
    copying into submitted/ (its hidden partial copy), and the second stopped with a traceback."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    # read-only, readable by all: one made by a collect run as root still locks the instructor's
    fd = os.open(f"{path}.lock", os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd

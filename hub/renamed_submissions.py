"""The inbound submissions a hub start renamed for a renamed student (npm run hub -- --renamed old=new,
scripts/hub/renamed-course.mjs), as collect (course_exchange.py) reads them: the course's
`.renamed-submissions.json`, {<folder's new name>: {"was": <old name>, "changed_ns": <latest change time of its
tree after the rename>, "was_changed_ns": <the same before it>}}, times in ns as strings.

A rename changes the folder's change time (ctime), which collect holds against the submission's time: the tree's
latest change time still the one the start recorded, nothing changed since, and the change time before the
rename is the submission's own. Written by the start in the instructor's course folder, which no student can write.
"""
import json
import os

RECORD_NAME = ".renamed-submissions.json"


def read_renamed(course_root):
    """{folder name: (changed_ns, was_changed_ns)}; empty when there is none or it cannot be read."""
    try:
        with open(os.path.join(course_root, RECORD_NAME), encoding="utf-8") as file:
            record = json.load(file)
        return {name: (int(entry["changed_ns"]), int(entry["was_changed_ns"])) for name, entry in record.items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def submission_change(renamed, name, changed_ns):
    """The change time (ns) to hold against the submission's time for the folder `name`, whose tree's latest is
    `changed_ns`: the one before its rename, where the rename is the last change, else its own."""
    times = renamed.get(name)
    return times[1] if times is not None and times[0] == changed_ns else changed_ns

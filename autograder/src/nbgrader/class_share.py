"""nbgrader limited to an exact list of students: one share of a class graded several students at a time.

autograder/bin/nbgrader-autograde.mjs names each nbgrader process's share in a file (a JSON list of
student ids) given by NEURAL_MI_CLASS_SHARE. It left the others out with nbgrader's
--CourseDirectory.student_id_exclude, a list split at commas: a student id holding a comma (a
learning platform's "Doe, Jane" folder, which autograde takes as a student) could not be left out,
so every process graded her at once, in the same folders.

Each student of the share is announced as nbgrader takes her up, before any line of hers: nbgrader's own
first line about her ("Creating/updating student") comes after the warnings on her files and her
re-grade, which the command labelled with the student before her.
"""

import json
import os

SHARE_VARIABLE = "NEURAL_MI_CLASS_SHARE"
# read back by autograder/src/nbgrader/class-plan.mjs (readLogLine)
TAKEN_UP = "Grading student with ID '%s' of this process's share"


def only_the_share():
    """Students outside the share are passed over as excluded ones are. Installed after cut_short_redone,
    so that its marks are neither read nor cleared for a student another process is grading."""
    from nbgrader.converters.base import BaseConverter

    path = os.environ.get(SHARE_VARIABLE)
    if not path or getattr(BaseConverter, "_class_share", None) is not None:
        return
    with open(path, encoding="utf-8") as handle:
        share = frozenset(json.load(handle))
    BaseConverter._class_share = share
    init_destination = BaseConverter.init_destination

    def init_destination_in_share(self, assignment_id, student_id):
        if student_id not in share:
            return False
        # on one line whatever the id (the log's filter, printable_log.py, writes its other control characters so)
        self.log.info(TAKEN_UP, student_id.replace("\n", "\\u000a"))
        return init_destination(self, assignment_id, student_id)

    BaseConverter.init_destination = init_destination_in_share

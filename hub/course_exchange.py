"""nbgrader's exchange as the course hub uses it (hub/nbgrader_course.py configures it).

nbgrader leaves a submission readable, and its folder writable, by every user of the machine
and counts on the folder's name, which has a random part in a listing students cannot read,
to hide it. On a hub whose users have system accounts of their own, a submission here is
also closed to everyone but its student and the instructor: the exchange's inbound folder
gives what is made in it the instructor's group (nbgrader makes it set-group-id), and the
submission keeps its rights for that group only.
"""
import os

from nbgrader.exchange.default.submit import ExchangeSubmit

SUBMISSION_DIR_MODE = 0o770
SUBMISSION_FILE_MODE = 0o640


class CourseSubmit(ExchangeSubmit):
    def copy_files(self):
        super().copy_files()
        submission = os.path.join(self.inbound_path, self.assignment_filename)
        for folder, folders, files in os.walk(submission):
            for name in files:
                os.chmod(os.path.join(folder, name), SUBMISSION_FILE_MODE)
            for name in folders:
                os.chmod(os.path.join(folder, name), SUBMISSION_DIR_MODE)
        os.chmod(submission, SUBMISSION_DIR_MODE)

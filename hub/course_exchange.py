"""nbgrader's exchange as the course hub uses it (hub/nbgrader_course.py configures it).

nbgrader leaves a submission's folder open to every user of the machine (mode 0777) and
counts on its name, which has a random part, in a listing students cannot read, to hide it.
Here the folder is open to its student and the instructor only: the exchange's inbound folder
gives what is made in it the instructor's group (nbgrader makes it set-group-id), and the
submission's folder keeps its rights for that group alone, so that no other student can enter
it, whatever its files' own modes.
"""
import os

from nbgrader.exchange.default.submit import ExchangeSubmit

SUBMISSION_DIR_MODE = 0o770


class CourseSubmit(ExchangeSubmit):
    def copy_files(self):
        super().copy_files()
        os.chmod(os.path.join(self.inbound_path, self.assignment_filename), SUBMISSION_DIR_MODE)

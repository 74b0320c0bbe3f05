"""Puts the class list into the course's nbgrader gradebook, so that the formgrader lists
every student, those who never submit too (scripts/hub/gradebook.mjs runs it).

    python class_gradebook.py <gradebook.db> <course id>   (user names on stdin, one a line)

Students already in the gradebook keep their record; none is removed. Prints how many were added.
"""
import os
import sys

from nbgrader.api import Gradebook, Student

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "autograder", "src", "nbgrader"))
from gradebook_version import gradebook_version_in_process  # noqa: E402

gradebook_version_in_process()

db_file, course_id = sys.argv[1], sys.argv[2]
names = [line.strip() for line in sys.stdin if line.strip()]
with Gradebook(f"sqlite:///{db_file}", course_id=course_id) as gradebook:
    known = {student.id for student in gradebook.students}
    missing = [name for name in names if name not in known]
    # One transaction for the whole class (add_student would commit once per student).
    gradebook.db.add_all([Student(id=name) for name in missing])
    gradebook.db.commit()
print(len(missing))

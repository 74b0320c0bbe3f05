"""nbgrader for the instructor's JupyterLab on the course hub (formgrader, and the
nbgrader commands run in its terminal): the hub's shared settings and the course
directory in the instructor's home."""
import os

c = get_config()  # noqa: F821

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nbgrader_course.py"))  # noqa: F821

c.CourseDirectory.root = os.environ["NEURAL_MI_HUB_COURSE_DIR"]
# A submission's owner is the hub's own system user, or the student's system user
# (nmi-<name>) when the hub runs as root: neither is the student id nbgrader would compare
# it with, so its owner check would warn about each one.
c.ExchangeCollect.check_owner = False

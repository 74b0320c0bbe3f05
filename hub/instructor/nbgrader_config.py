"""nbgrader for the instructor's JupyterLab on the course hub (formgrader, and the
nbgrader commands run in its terminal): the hub's shared settings and the course
directory in the instructor's home."""
import os

c = get_config()  # noqa: F821

load_subconfig(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nbgrader_course.py"))  # noqa: F821

c.CourseDirectory.root = os.environ["NEURAL_MI_HUB_COURSE_DIR"]
# Every submission is owned by the one system user that runs the hub: nbgrader's check
# that a submission's owner is the student who made it would warn about each one.
c.CollectApp.check_owner = False

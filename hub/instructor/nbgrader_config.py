"""nbgrader for the instructor's JupyterLab on the course hub (formgrader, and the
nbgrader commands run in its terminal): the course's TypeScript settings, the course
directory in the instructor's home and the hub's exchange."""
import os

c = get_config()  # noqa: F821

load_subconfig(  # noqa: F821
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "nbgrader_config.py")
)

c.CourseDirectory.root = os.environ["NEURAL_MI_HUB_COURSE_DIR"]
c.CourseDirectory.course_id = os.environ["NEURAL_MI_HUB_COURSE_ID"]
c.Exchange.root = os.environ["NEURAL_MI_HUB_EXCHANGE"]
# Every submission is owned by the one system user that runs the hub: nbgrader's check
# that a submission's owner is the student who made it would warn about each one.
c.CollectApp.check_owner = False

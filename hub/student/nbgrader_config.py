"""nbgrader for a student's JupyterLab on the course hub (hub/jupyterhub_config.py puts this
folder first on Jupyter's configuration path): the course's TypeScript settings, the
hub's exchange, and the hub user's name as the student id, since every user's server
runs as the same system user and nbgrader would otherwise take that user's name."""
import os

c = get_config()  # noqa: F821

load_subconfig(  # noqa: F821
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "nbgrader_config.py")
)

c.CourseDirectory.course_id = os.environ["NEURAL_MI_HUB_COURSE_ID"]
c.Exchange.root = os.environ["NEURAL_MI_HUB_EXCHANGE"]
c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]

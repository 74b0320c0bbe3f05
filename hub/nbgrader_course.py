"""nbgrader settings that every user of the course hub shares, loaded by the role's own
nbgrader_config.py (instructor/ or student/): the course's TypeScript settings
(autograder/nbgrader_config.py), the course id and the hub's exchange, whose submissions
only their student and the instructor can read (course_exchange.py), and whose releases
are put in place whole (course_release.py), as are the copies students fetch (course_fetch.py)."""
import os
import sys

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

load_subconfig(  # noqa: F821
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "autograder", "nbgrader_config.py")
)

c.CourseDirectory.course_id = os.environ["NEURAL_MI_HUB_COURSE_ID"]
c.Exchange.root = os.environ["NEURAL_MI_HUB_EXCHANGE"]

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
c.ExchangeFactory.submit = "course_exchange.CourseSubmit"
c.ExchangeFactory.collect = "course_exchange.CourseCollect"
c.ExchangeFactory.release_assignment = "course_release.CourseReleaseAssignment"
c.ExchangeFactory.fetch_assignment = "course_fetch.CourseFetchAssignment"

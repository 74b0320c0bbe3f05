"""nbgrader's exchange for the hub's course folder when a command runs outside the hub: in a
shell of the machine rather than a terminal of the instructor's JupyterLab on the hub. There
the hub's settings are not in the environment, and nbgrader took its default exchange
(/srv/nbgrader/exchange): collect found none of the class's submissions, or failed on a
folder the hub never made, and a release went where no student fetches. Each exchange
command here stops, saying where to run it; the commands that need no exchange (autograde,
generate_assignment, generate_feedback, the gradebook's) run as anywhere."""
import os
import pwd
import sys

from nbgrader.exchange import default


def _outside(kind, command):
    class Outside(getattr(default, kind)):
        def start(self):
            self.fail(
                f"This course folder is the course hub's: run `nbgrader {command}` in a terminal of the instructor's "
                "JupyterLab on the hub (or the formgrader there), where the hub's exchange is set. Run here, it would use "
                f"nbgrader's default exchange ({self.root}), which holds none of the class's work."
            )

    Outside.__name__ = Outside.__qualname__ = f"Outside{kind}"
    return Outside


OutsideExchangeCollect = _outside("ExchangeCollect", "collect")
OutsideExchangeSubmit = _outside("ExchangeSubmit", "submit")
OutsideExchangeReleaseAssignment = _outside("ExchangeReleaseAssignment", "release_assignment")
OutsideExchangeFetchAssignment = _outside("ExchangeFetchAssignment", "fetch_assignment")
OutsideExchangeReleaseFeedback = _outside("ExchangeReleaseFeedback", "release_feedback")
OutsideExchangeFetchFeedback = _outside("ExchangeFetchFeedback", "fetch_feedback")
OutsideExchangeList = _outside("ExchangeList", "list")


def stop_if_root_in_others_course(course_root):
    """Stops nbgrader run as root in a course folder of another account (the instructor's, on a hub that gives each
    user one), before it writes anything. What it wrote was root's (gradebook.db made anew, release/, autograded/,
    feedback/): the instructor's own nbgrader on the hub could then not change it, the formgrader's every save
    failing ("attempt to write a readonly database"), nor generate or grade that assignment again, until the
    hub's next start gave the folder back."""
    if os.geteuid() != 0:
        return
    try:
        owner = os.stat(course_root).st_uid
    except OSError:
        return
    if owner == 0:
        return
    try:
        account = pwd.getpwuid(owner).pw_name
    except KeyError:
        account = str(owner)
    command = " ".join(sys.argv[1:]) or "..."
    sys.stderr.write(
        f"Not run: nbgrader as root in {course_root}, the course folder of {account}: what it wrote would be root's, and "
        f"the instructor's nbgrader on the hub could no longer change it. Run it in a terminal of the instructor's JupyterLab on "
        f"the hub, or as {account}: runuser -u {account} -- env HOME={os.path.dirname(os.path.abspath(course_root))} nbgrader "
        f"{command}. Files root made there already: "
        f"chown -R {account} {course_root}\n"
    )
    sys.exit(1)

"""nbgrader's exchange for the hub's course folder when a command runs outside the hub: in a
shell of the machine rather than a terminal of the instructor's JupyterLab on the hub. There
the hub's settings are not in the environment, and nbgrader took its default exchange
(/srv/nbgrader/exchange): collect found none of the class's submissions, or failed on a
folder the hub never made, and a release went where no student fetches. Each exchange
command here stops, saying where to run it; the commands that need no exchange (autograde,
generate_assignment, generate_feedback, the gradebook's) run as anywhere."""
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

"""The formgrader shows the course it was started with, never a folder a link names.

nbgrader's formgrader page (/formgrader) takes a `path` argument on a plain GET, with no XSRF check
(its `check_xsrf` only sets the cookie), and makes that folder its course: it runs the folder's
nbgrader_config.py, Python, in the instructor's Jupyter server, and shows that folder's gradebook. A
link a student sent (`/hub/user-redirect/formgrader?path=/tmp/x`, or her own submission's folder in
the exchange) ran her code as the instructor the moment they opened it, beside the course's source,
hidden tests and gradebook. The argument serves nbgrader's course list, which this course does not
use (off on the hub): the page now refuses it.
"""
import sys

from tornado import web

HANDLERS = "nbgrader.server_extensions.formgrader.handlers"


def formgrader_one_course():
    """Makes /formgrader refuse `path`, once the formgrader's handlers are loaded (a server)."""
    handlers = sys.modules.get(HANDLERS)
    if handlers is None or getattr(handlers.FormgraderHandler, "_neural_mi_one_course", False):
        return
    show_course = handlers.FormgraderHandler.get

    def get(self):
        if self.get_argument("path", ""):
            raise web.HTTPError(
                400,
                "The formgrader shows its own course only: open /formgrader without ?path= "
                "(the folder a link names would have its nbgrader_config.py run as you)",
            )
        return show_course(self)

    handlers.FormgraderHandler.get = get
    handlers.FormgraderHandler._neural_mi_one_course = True

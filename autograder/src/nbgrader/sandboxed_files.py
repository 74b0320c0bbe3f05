"""The formgrader's files of a submission, served as inert documents.

nbgrader's formgrader serves every file of a student's autograded folder at
/formgrader/submissions/<id>/<path> (for the images a notebook shows), as the instructor's own
Jupyter server, with the type its name says and no sandbox: an HTML page a student handed in
beside her notebook ran its scripts there, with the instructor's session, when the instructor
opened its link, and could read the course's source (solutions, hidden tests) and the gradebook
through the server's API, or enter points. Jupyter serves a folder's files (/files/) in a
sandbox, as an origin of their own; these are served so too: images still show, scripts run
nowhere near the instructor's session.
"""
import sys

HANDLERS = "nbgrader.server_extensions.formgrader.handlers"


def sandbox_submission_files():
    """Puts the sandbox in the formgrader's submission files, once its handlers are loaded (a server)."""
    handlers = sys.modules.get(HANDLERS)
    if handlers is None or getattr(handlers.SubmissionFilesHandler, "_neural_mi_sandboxed", False):
        return
    base = handlers.BaseHandler.content_security_policy

    def content_security_policy(self):
        return base.fget(self) + "; sandbox allow-scripts"

    handlers.SubmissionFilesHandler.content_security_policy = property(content_security_policy)
    handlers.SubmissionFilesHandler._neural_mi_sandboxed = True

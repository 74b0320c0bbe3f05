"""The formgrader says so when a score or comment could not be saved.

A write of the gradebook that failed (the disk full: on the course hub the class shares it, unbounded)
answered the formgrader's page with an HTML error page, which the page did not read: the score stayed
in its box under a spinning arrow, never the check mark of a saved one, and the instructor, grading
on, took it for saved. Here the formgrader's API answers such a failure with its reason as JSON
(`{"message": "Not saved: ..."}`), and every formgrader page (each loads backbone_xsrf.js) shows the
message of any change the API refused, at the top of the page, until it is dismissed.
`formgrader_not_saved()`, called by nbgrader_config.py, patches the formgrader once its handlers are
loaded (in a server).
"""
import json
import os
import sys

BASE = "nbgrader.server_extensions.formgrader.base"
HANDLERS = "nbgrader.server_extensions.formgrader.handlers"
SCRIPT = "js/backbone_xsrf.js"

# shown by every formgrader page for a change the API refused (a save: anything but GET)
SHOW_REFUSALS = r"""
// neural-mi (src/nbgrader/formgrader_not_saved.py): a change the formgrader's API refused is said, not left to a spinning arrow
$(document).ajaxError(function (event, xhr, settings) {
    if ((settings.type || "GET").toUpperCase() === "GET" || !/\/formgrader\/api\//.test(settings.url || "")) return;
    var message = (xhr.responseJSON && xhr.responseJSON.message) ||
        ("Not saved (the server answered " + xhr.status + " " + (xhr.statusText || "") + "): enter it again; if that fails too, read the server's log");
    var box = document.getElementById("neural-mi-not-saved");
    if (!box) {
        box = document.createElement("div");
        box.id = "neural-mi-not-saved";
        box.setAttribute("role", "alert");
        box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:10000;padding:10px 40px 10px 12px;background:#c9302c;color:#fff;font-weight:bold;";
        var close = document.createElement("button");
        close.textContent = "\u00d7";
        close.style.cssText = "position:absolute;right:10px;top:6px;background:none;border:none;color:#fff;font-size:20px;";
        close.onclick = function () { box.remove(); };
        box.appendChild(document.createElement("span"));
        box.appendChild(close);
        document.body.appendChild(box);
    }
    box.firstChild.textContent = message;
});
"""


def _gradebook_error(error):
    try:
        from sqlalchemy.exc import SQLAlchemyError
        from nbgrader.api import InvalidEntry
    except ImportError:
        return False
    return isinstance(error, (SQLAlchemyError, InvalidEntry))


def formgrader_not_saved():
    base = sys.modules.get(BASE)
    handlers = sys.modules.get(HANDLERS)
    if base is None or handlers is None or getattr(base.BaseApiHandler, "_neural_mi_not_saved", False):
        return
    from tornado import web

    write_error = base.BaseApiHandler.write_error

    def write_error_said(self, status_code, **kwargs):
        error = kwargs.get("exc_info", (None, None, None))[1]
        if not _gradebook_error(error):
            return write_error(self, status_code, **kwargs)
        text = str(error)
        full = "disk is full" in text or "No space left on device" in text
        message = (
            f"Not saved: the disk holding the gradebook ({self.db_url}) is full. Make room on it (on the course hub it holds the "
            "students' homes and the exchange too), then enter this again"
            if full
            else f"Not saved: the gradebook could not be written ({text.splitlines()[0][:300]}). Enter this again"
        )
        self.set_status(507 if full else 500)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"message": message}))

    base.BaseApiHandler.write_error = write_error_said
    base.BaseApiHandler._neural_mi_not_saved = True

    class RefusalsShown(web.RequestHandler):
        """backbone_xsrf.js, which every formgrader page loads, with SHOW_REFUSALS after it."""

        def get(self):
            with open(os.path.join(handlers.static_path, SCRIPT), encoding="utf-8") as script:
                self.set_header("Content-Type", "application/javascript; charset=UTF-8")
                self.set_header("Cache-Control", "no-cache")
                self.finish(script.read() + SHOW_REFUSALS)

    # before the formgrader's own static route, which init_handlers adds after these
    handlers.default_handlers.insert(0, (r"/formgrader/static/" + SCRIPT.replace(".", r"\."), RefusalsShown))

"""A time limit per notebook under `nbgrader autograde`, as `npm run autograde` has (1800 s).

nbgrader limits each cell (`Execute.timeout`, 600 s here for training) but not a notebook: a
submission of a hundred cells that each loop until interrupted held `nbgrader autograde`, which
grades the class one notebook after another, for over 16 hours, every student after it waiting.
This Execute is nbgrader's own (named so, configured as `c.Execute`), with `notebook_timeout`:
once that much time has passed since the notebook's kernel was asked for, each cell may run only
what is left of it (at least 1 s), and is interrupted there with nbgrader's timeout error, like a
cell past its own limit. And while it runs, its folder holds the course's files only
(src/nbgrader/set_aside.py).

A cell the kernel did not run fails: nbgrader adds an error for a reply `error` only, and counts
a test cell without an error as passed. tslab replies `aborted` to the requests that reach it
within 200 ms of a failure of its own (a cell that froze `process.stdout`, where tslab puts its
writer before each cell, made every later cell such a failure or aborted): every test after the
first had no output and all its points. `npm run autograde` fails a cell whose reply is not "ok".

And a message the kernel sent that nbclient cannot take is dropped with a note, not raised: tslab
sends a display's content as the cell's code gives it (its display function is reachable from a
cell), and an update naming a list as its display id, or a display without data, raised a Python
error out of Execute, which failed the student's whole assignment, every notebook of it
ungraded ("There was an error processing assignment"), as it stopped `npm run autograde`'s
runner (src/execute/run_notebook.py).

And a kernel that dies (`process.exit()` in a cell, a crash, a limit of ConfinedKernelManager's)
fails its cell and leaves the cells after it not run, each with an error, as `npm run autograde`
charges it to the notebook: nbclient's DeadKernelError went out of Execute, and with it the
student's whole assignment, every notebook of it ungraded, so that one line of a student's
spared a failing notebook its grade.
"""
import time

from nbclient.exceptions import CellExecutionComplete, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute as NbgraderExecute
from traitlets import Integer

from set_aside import course_files, only_course_files


class Execute(NbgraderExecute):
    notebook_timeout = Integer(1800, help="The time a notebook may run, in seconds, its cells together").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._deadline = time.monotonic() + self.notebook_timeout
        # why the kernel is gone, once it died
        self._kernel_gone = None
        # while it runs, the notebook's folder holds the course's files only (src/nbgrader/set_aside.py)
        folder = ((resources or {}).get("metadata") or {}).get("path")
        if not folder:
            return super().preprocess(nb, resources, km)
        coursedir = CourseDirectory(parent=self)
        assignment = (resources.get("nbgrader") or {}).get("assignment")
        keep = course_files(coursedir.format_path(coursedir.source_directory, ".", assignment), coursedir.ignore) if assignment else set()
        with only_course_files(folder, keep):
            return super().preprocess(nb, resources, km)

    def on_cell_executed(self, **kwargs):
        super().on_cell_executed(**kwargs)
        status = kwargs["execute_reply"]["content"].get("status")
        if status not in ("ok", "error"):
            kwargs["cell"].outputs.append(_error("CellNotRun", f"the kernel did not run the cell (its reply: {status!r})"))

    def preprocess_cell(self, cell, resources, index):
        if getattr(self, "_kernel_gone", None) is not None:
            if cell.cell_type == "code" and cell.source.strip():
                cell.outputs = [_error("NotRun", f"not run: {self._kernel_gone}")]
                cell.execution_count = None
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError as error:
            self._kernel_gone = f"the kernel died at cell {index + 1} ({error}): process.exit() in a cell, or an error it could not recover from"
            cell.outputs.append(_error("DeadKernelError", self._kernel_gone))
            return cell, self.resources

    def process_message(self, msg, cell, cell_index):
        try:
            return super().process_message(msg, cell, cell_index)
        except CellExecutionComplete:
            raise
        except Exception as error:  # noqa: BLE001 (a message the kernel sent as a cell shaped it)
            self.log.warning("Dropped a %s message nbclient could not take (%s: %s)", msg.get("msg_type"), type(error).__name__, error)
            note = "[autograder] an output message the grader could not read (a display's content not as Jupyter's protocol has it) was dropped\n"
            cell.outputs.append(NotebookNode(output_type="stream", name="stdout", text=note))
            return None

    def _get_timeout(self, cell):
        own = super()._get_timeout(cell)
        deadline = getattr(self, "_deadline", None)
        if deadline is None:
            return own
        left = max(1, int(deadline - time.monotonic()))
        return left if own is None or own <= 0 else min(own, left)


def _error(ename, evalue):
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])

"""A time limit per notebook under `nbgrader autograde`, as `npm run autograde` has (1800 s).

nbgrader limits each cell (`Execute.timeout`, 600 s here for training) but not a notebook: a
submission of a hundred cells that each loop until interrupted held `nbgrader autograde`, which
grades the class one notebook after another, for over 16 hours, every student after it waiting.
This Execute is nbgrader's own (named so, configured as `c.Execute`), with `notebook_timeout`:
once that much time has passed since the notebook's kernel was asked for, each cell may run only
what is left of it (at least 1 s), and is interrupted there with nbgrader's timeout error, like a
cell past its own limit; once it has passed, the cells left are not run, each failing with an error,
as `npm run autograde` marks them (a second each after it let a notebook of the 5,000 looping cells
RefusedNotebooks lets through run for over an hour past its limit). And while it runs, its folder
holds the course's files only (src/nbgrader/set_aside.py).

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

And a kernel that dies (`process.exit()` in a cell, a crash, a limit of ConfinedKernelManager's),
or that still runs a cell once interrupted (a loop after an `await`, out of the interrupt's reach,
raised nbclient's CellTimeoutError: it is stopped), fails its cell and leaves the cells after it not
run, each with an error, as `npm run autograde` charges it to the notebook: nbclient's
DeadKernelError and CellTimeoutError went out of Execute, and with them the student's whole
assignment, every notebook of it ungraded, so that one line of a student's spared a failing
notebook its grade.

And a cell's outputs are capped as they arrive, as `npm run autograde`'s runner caps them
(src/execute/run_notebook.py): 5 MB per cell and 20 MB per notebook, past which outputs are
dropped and the cell gets a note saying how much was. nbclient keeps every output in the memory
of the `nbgrader autograde` process, which grades the class one notebook after another, until the
notebook is written (nbgrader's LimitOutput, after the run, only cuts the lines of streams): a
cell showing 150 displays of 1 MB took that process to 700 MB and wrote a notebook of 150 MB, so a
submission showing a few GB in its half hour stopped the grading of every student after it. An
error is always kept (bounded), and past the cap the cell's first piece of stderr too: either fails
a test, and dropping it would turn a failure into a pass. Each output counts a kilobyte more than
its JSON (what Python holds for it), and a cell's stream text joins the stream it follows, as
nbclient joins them once the cell ends, so that a flood of empty displays is bounded too.
"""
import asyncio
import os
import sys
import time

from jupyter_core.utils import ensure_async
from nbclient.exceptions import CellExecutionComplete, CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute as NbgraderExecute
from traitlets import Integer

from set_aside import course_files, only_course_files

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "execute"))
from no_result_updates import without_result  # noqa: E402  (the runner's, src/execute/no_result_updates.py)


# what Python holds for an output beyond its JSON (its dicts), counted against the caps
OUTPUT_OVERHEAD_BYTES = 1024
# an error's message, and its traceback, kept whatever the caps
MAX_ERROR_VALUE_CHARS = 4000
MAX_TRACEBACK_LINES = 100
MAX_TRACEBACK_LINE_CHARS = 1000
# of the first stderr past the caps
KEPT_LATE_STDERR_CHARS = 2000
NOTE_PREFIX = "[autograder] "


class Execute(NbgraderExecute):
    notebook_timeout = Integer(1800, help="The time a notebook may run, in seconds, its cells together").tag(config=True)
    # (`npm run autograde`'s defaults, src/execute/execute-notebook.mjs; not set in nbgrader_config.py, see notebook_timeout)
    cell_output_bytes = Integer(5 * 2**20, help="The size of a cell's outputs, past which they are dropped as they arrive").tag(config=True)
    notebook_output_bytes = Integer(20 * 2**20, help="The size of a notebook's outputs, past which they are dropped as they arrive").tag(config=True)

    interrupt_interval = Integer(3, help="Seconds between the interrupts sent to a cell past its time, until it ends").tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        self._deadline = time.monotonic() + self.notebook_timeout
        self._notebook_bytes = 0
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
        cell = kwargs["cell"]
        for output in cell.outputs:
            if output.get("output_type") == "error":
                _bound_error(output)
        status = kwargs["execute_reply"]["content"].get("status")
        if status not in ("ok", "error"):
            cell.outputs.append(_error("CellNotRun", f"the kernel did not run the cell (its reply: {status!r})"))
        if self._unreadable:
            cell.outputs.append(NotebookNode(output_type="stream", name="stdout", text=(
                f"{NOTE_PREFIX}{self._unreadable} output message(s) nested too deeply to be read were dropped\n")))
        if self._dropped_bytes:
            cell.outputs.append(NotebookNode(output_type="stream", name="stdout", text=(
                f"{NOTE_PREFIX}output truncated: {self._dropped_bytes / 2**20:.1f} MB more were dropped "
                f"(limit {self.cell_output_bytes / 2**20:.1f} MB per cell, {self.notebook_output_bytes / 2**20:.1f} MB per notebook)\n")))

    # the caps on outputs, as they arrive

    def _start_cell(self):
        self._cell_bytes = 0
        self._dropped_bytes = 0
        self._kept_late_stderr = False
        self._kept_late_error = False
        # once an output of the cell was dropped, so are those after it (run_notebook.py's GradingClient)
        self._capped = False
        self._unreadable = 0
        if not hasattr(self, "_notebook_bytes"):
            self._notebook_bytes = 0

    def _over_cap(self, size):
        return self._cell_bytes + size > self.cell_output_bytes or self._notebook_bytes + size > self.notebook_output_bytes

    def _count(self, size):
        self._cell_bytes = max(0, self._cell_bytes + size)
        self._notebook_bytes = max(0, self._notebook_bytes + size)

    def _forget(self, outs):
        """Outputs cleared by the cell no longer count."""
        self._count(-sum(_weight(output) + OUTPUT_OVERHEAD_BYTES for output in outs))

    def clear_output(self, outs, msg, cell_index):
        if not msg.get("content", {}).get("wait"):
            self._forget(outs)
        super().clear_output(outs, msg, cell_index)

    def output(self, outs, msg, display_id, cell_index):
        if self.clear_before_next_output:
            self._forget(outs)
        msg_type = msg.get("msg_type")
        content = msg.get("content")
        if not isinstance(content, dict):
            return super().output(outs, msg, display_id, cell_index)
        if msg_type == "error":
            _bound_error(content)
        last = outs[-1] if outs and not self.clear_before_next_output else None
        joins = (
            msg_type == "stream"
            and isinstance(content.get("text"), str)
            and last is not None
            and last.get("output_type") == "stream"
            and last.get("name") == content.get("name")
            and isinstance(last.get("text"), str)
        )
        size = _weight(content["text"] if joins else content) + (0 if joins else OUTPUT_OVERHEAD_BYTES)
        if self._capped or self._over_cap(size):
            if msg_type == "error" and not self._kept_late_error:
                # an error fails its cell: one is kept past the caps
                self._kept_late_error = True
            elif msg_type == "stream" and content.get("name") == "stderr" and not self._kept_late_stderr:
                # so does stderr, in a test cell: its first piece is kept past the caps
                self._kept_late_stderr = True
                self._dropped_bytes += size
                content["text"] = str(content.get("text", ""))[:KEPT_LATE_STDERR_CHARS]
                joins = False
                size = _weight(content) + OUTPUT_OVERHEAD_BYTES
            else:
                self._capped = True
                self._dropped_bytes += size
                return None
        self._count(size)
        if joins and not self.output_hook_stack[msg["parent_header"].get("msg_id")]:
            last["text"] += content["text"]
            return last
        return super().output(outs, msg, display_id, cell_index)

    def _update_display_id(self, display_id, msg):
        """An update replaces earlier outputs (in any cell): it counts by how much it grows them, and
        puts no test result there (src/execute/no_result_updates.py)."""
        msg = without_result(msg)
        content = msg.get("content")
        new_size = _weight(content.get("data", {})) + _weight(content.get("metadata", {})) if isinstance(content, dict) else 0
        growth = 0
        cells = self.nb["cells"]
        for cell_index, output_indices in (self._display_id_map.get(display_id) or {}).items():
            outputs = cells[cell_index]["outputs"] if isinstance(cell_index, int) and cell_index < len(cells) else []
            for output_index in output_indices:
                if isinstance(output_index, int) and output_index < len(outputs):
                    old = outputs[output_index]
                    growth += new_size - _weight(old.get("data", {})) - _weight(old.get("metadata", {}))
        if growth > 0 and self._over_cap(growth):
            self._dropped_bytes += new_size
            return
        self._count(growth)
        super()._update_display_id(display_id, msg)

    def preprocess_cell(self, cell, resources, index):
        self._start_cell()
        if getattr(self, "_kernel_gone", None) is not None:
            if cell.cell_type == "code" and cell.source.strip():
                cell.outputs = [_error("NotRun", f"not run: {self._kernel_gone}")]
                cell.execution_count = None
            return cell, self.resources
        deadline = getattr(self, "_deadline", None)
        if deadline is not None and time.monotonic() >= deadline:
            if cell.cell_type == "code" and cell.source.strip():
                cell.outputs = [_error("NotRun", f"not run: the notebook ran past its {self.notebook_timeout} s limit")]
                cell.execution_count = None
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError as error:
            self._kernel_gone = f"the kernel died at cell {index + 1} ({error}): process.exit() in a cell, or an error it could not recover from"
            cell.outputs.append(_error("DeadKernelError", self._kernel_gone))
            return cell, self.resources
        except CellTimeoutError as error:
            # interrupted, the cell still did not end (code looping after an `await`, which the
            # kernel's interrupt does not reach): the kernel is stopped, as `npm run autograde` stops it
            self._stop_kernel()
            summary = " ".join(str(error).split("\n", 2)[:2])
            self._kernel_gone = f"the kernel did not end cell {index + 1} when interrupted ({summary}), and was stopped"
            cell.outputs.append(_error("CellTimeoutError", self._kernel_gone))
            return cell, self.resources
        finally:
            self._stop_interrupting()

    # an interrupt repeated until the cell ends

    async def _async_handle_timeout(self, timeout, cell=None):
        """Interrupts as nbclient does, then again every few seconds until the cell ends: an
        interrupt that reaches the kernel while it still compiles the cell, before its code runs, is
        lost (node's SIGINT breaks only code already running), and the cell's loop ran on until
        nbclient's wait for its outputs (120 s) ran out and the kernel was stopped, every cell after
        it not run."""
        reply = await super()._async_handle_timeout(timeout, cell)
        self._stop_interrupting()
        self._interrupting = asyncio.ensure_future(self._interrupt_again())
        return reply

    async def _interrupt_again(self):
        while True:
            await asyncio.sleep(self.interrupt_interval)
            await ensure_async(self.km.interrupt_kernel())

    def _stop_interrupting(self):
        task = getattr(self, "_interrupting", None)
        if task is not None:
            task.cancel()
            self._interrupting = None

    def _stop_kernel(self):
        process = getattr(getattr(getattr(self, "km", None), "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        """nbclient's, but a message that cannot be read (a display nested deeper than Python's JSON
        reader goes, raising RecursionError) is dropped and counted, not raised out of Execute."""
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            except RecursionError as error:
                self._unreadable += 1
                self.log.warning("Dropped an output message that could not be read (%s)", error)
                continue
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    # Will raise CellExecutionComplete when completed
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return

    def process_message(self, msg, cell, cell_index):
        if msg.get("msg_type") == "status" and (msg.get("content") or {}).get("execution_state") == "idle":
            self._stop_interrupting()  # the cell has ended: no interrupt may reach the next one
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


def _weight(value):
    """About the size of a message's content or an output as JSON: its strings' lengths, counted
    without copying them (a cell's one print may be hundreds of MB, which a copy would double)."""
    if isinstance(value, str):
        return len(value) + 2
    if isinstance(value, dict):
        return 2 + sum(_weight(key) + _weight(item) + 2 for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return 2 + sum(_weight(item) + 1 for item in value)
    return len(str(value))


def _cut(text, limit):
    text = text if isinstance(text, str) else str(text)
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} characters cut]"


def _bound_error(content):
    """An error message (or output) cut to a bounded size; its beginning, which names the failure, stays."""
    content["ename"] = _cut(content.get("ename") or "Error", 200)
    content["evalue"] = _cut(content.get("evalue") or "", MAX_ERROR_VALUE_CHARS)
    traceback = content.get("traceback")
    content["traceback"] = [_cut(line, MAX_TRACEBACK_LINE_CHARS) for line in (traceback if isinstance(traceback, list) else [])[:MAX_TRACEBACK_LINES]]
    return content


def _error(ename, evalue):
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"])

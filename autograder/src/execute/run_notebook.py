"""Runs one notebook in a fresh kernel under the autograder's limits.

    python run_notebook.py <job.json>

The job (written by autograder/src/execute/execute-notebook.mjs) names the
notebook to run, where to write the executed notebook and the result, the
kernel's command line and environment, and the limits. nbclient starts the
kernel and turns kernel messages into outputs; this script drives the cells
one by one so that it can stop a cell that runs too long, a kernel that uses
too much memory or disk, and output that grows without bound, and still write
a complete notebook and result whatever happened.

The result (JSON) says how the run ended ("completed" or "stopped" with a
reason), which cells ran, and what happened on the way (events).

On stdout it prints one line a second ("alive") while it runs, "ready" when the
kernel has started and "cell i/n" as it goes: the grader that started it stops
a runner that falls silent (a kernel of the runner's own user could have
frozen it) and enforces the notebook's time limit from outside.
"""

import asyncio
import json
import os
import re
import signal
import sys
import threading
import time
import traceback
from queue import Empty

# jsonschema imports rfc3987_syntax (when installed) only to check "iri" formats, which
# notebook validation never uses; that import builds a parser and takes seconds.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat
import zmq
import zmq.asyncio
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete

from folder_usage import Unseen, folder_usage  # beside this file, as is well_formed
from no_result_updates import without_result  # beside this file
from prompt_exit import prompt_exit  # beside this file
from prompt_ready import PromptReadyClient  # beside this file
from resident_memory import resident_bytes  # beside this file
from well_formed import well_formed_text  # beside this file: a printed lone surrogate had failed the notebook's writing

KERNEL_NAME = "neural-mi-sandbox"
WATCH_SECONDS = 0.25
IDLE_WAIT_SECONDS = 5.0
# how long an interrupted kernel has to answer before it is stopped: on a loaded machine (a load of 11-13 on two
# cores) an endless loop's interrupt took more than 5 s to be answered in about half the tries, and the kernel was
# stopped with the cells after it, where one less loaded would have run them
INTERRUPT_GRACE_SECONDS = 15.0
INTERRUPT_AGAIN_SECONDS = 3.0
MAX_TRACEBACK_LINES = 100
NOTE_PREFIX = "[autograder] "
HEARTBEAT_SECONDS = 1.0
# An error output is always kept, so that a failing test still fails, but cut to this size:
# its first part says what failed.
MAX_ERROR_VALUE_CHARS = 4000
MAX_TRACEBACK_LINE_CHARS = 1000
# once a notebook's output budget is spent, errors keep only this much
MIN_ERROR_VALUE_CHARS = 300
# of what the kernel process writes to its own stdout and stderr (outside the notebook)
RAW_OUTPUT_KEPT_BYTES = 64 * 1024


# The exit code of a runner whose grader is gone (say()): no one reads it.
RUNNER_ORPHANED = 3

# Set in a runner forked by serve(): its lines to the grader then go on the pipe it shares with
# the other runners, each tagged with its job.
FORKED_TAG = None


def say(line):
    """A line to the grader that watches this runner (alive, ready, cell i/n). When no one reads
    them any more, the grader is gone: killed outright (SIGKILL, a Slurm task past its time), it
    could stop no runner, and what this one finds would be read by no one. It ends then, its kernel
    with it (the kernel's parent-death signal, enter_sandbox.py), within the second its heartbeat
    takes: runners and kernels of a killed run, the students' code in them, ran on to their notebook's
    time limit, or without end while their kernel had not started."""
    try:
        if FORKED_TAG is None:
            print(line, flush=True)
        else:
            # one write of less than PIPE_BUF bytes: lines of runners sharing the pipe never mix
            os.write(1, f"say\t{FORKED_TAG}\t{line}\n".encode())
    except BrokenPipeError:
        os._exit(RUNNER_ORPHANED)


def error_output(ename, evalue):
    ename, evalue = cut(ename, 200), cut(evalue, MAX_ERROR_VALUE_CHARS)
    return nbformat.v4.new_output(
        "error", ename=ename, evalue=evalue, traceback=[f"\x1b[0;31m{ename}\x1b[0m: {evalue}"]
    )


def note_output(text):
    """A notice from the autograder itself, on stdout so it never fails a test by itself."""
    return nbformat.v4.new_output("stream", name="stdout", text=NOTE_PREFIX + text + "\n")


def output_size(output):
    return len(json.dumps(output, default=str))


def cut(text, limit):
    text = text if isinstance(text, str) else str(text)
    return text if len(text) <= limit else text[:limit] + f"... [{len(text) - limit} characters cut]"


def bound_error(content, value_chars=MAX_ERROR_VALUE_CHARS):
    """An error message (or output) cut to a bounded size; its beginning, which names the failure, stays."""
    content["ename"] = cut(content.get("ename") or "Error", 200)
    content["evalue"] = cut(content.get("evalue") or "", value_chars)
    traceback_lines = [cut(line, MAX_TRACEBACK_LINE_CHARS) for line in (content.get("traceback") or [])[:MAX_TRACEBACK_LINES]]
    content["traceback"] = traceback_lines
    return content


ADDRESS = re.compile(r"0x[0-9a-f]{6,}")


class RawOutput:
    """Reads what the kernel process writes to its own stdout and stderr (not the notebook's
    streams): counted, the first part kept, the rest dropped, so that nothing a notebook
    writes there grows without bound."""

    def __init__(self):
        self.read_end, self.write_end = os.pipe()
        self.kept = bytearray()
        self.total = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._drain, daemon=True)
        self.thread.start()

    def _drain(self):
        while True:
            try:
                chunk = os.read(self.read_end, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self.lock:
                self.total += len(chunk)
                room = RAW_OUTPUT_KEPT_BYTES - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]

    def since(self, start):
        """The bytes written after `start` (a total), as far as they were kept."""
        with self.lock:
            total, kept = self.total, bytes(self.kept)
        return total - start, kept[start:].decode("utf-8", errors="replace") if start < len(kept) else ""

    def text(self):
        with self.lock:
            more = self.total - len(self.kept)
            return self.kept.decode("utf-8", errors="replace") + (f"\n... {more} bytes more were dropped" if more > 0 else "")


class Watchdog:
    """Samples the kernel's resident memory and the sandbox folder's size."""

    def __init__(self, pid, memory_mb, sandbox, disk_mb, max_files=None):
        self.pid = pid
        self.memory_bytes = memory_mb * 1024 * 1024 if memory_mb else None
        self.sandbox = sandbox
        self.disk_bytes = disk_mb * 1024 * 1024 if disk_mb else None
        # empty files take no byte but an inode each, which the tmpfs of the own-user path bounds
        self.max_files = max_files
        self.peak_rss = 0
        self.tripped = None
        self._next_disk_check = 0.0

    def rss_bytes(self):
        return resident_bytes(self.pid)

    def folder_usage(self):
        """The size of the sandbox's files and how many entries it holds; None when a part of it cannot be read
        (the kernel put it past the longest path the system takes, or closed it: it hid what it wrote there)."""
        try:
            return folder_usage(self.sandbox, lambda stat: stat.st_size)
        except Unseen:
            return None

    def check(self):
        """Returns a reason to stop the kernel, or None."""
        if self.tripped:
            return self.tripped
        rss = self.rss_bytes()
        if rss is not None:
            self.peak_rss = max(self.peak_rss, rss)
            if self.memory_bytes and rss > self.memory_bytes:
                self.tripped = {
                    "kind": "memory",
                    "message": f"the kernel used {rss / 2**20:.0f} MB of memory, over the limit of "
                    f"{self.memory_bytes / 2**20:.0f} MB, and was stopped",
                }
        now = time.monotonic()
        if self.disk_bytes and self.sandbox and now >= self._next_disk_check:
            self._next_disk_check = now + 2.0
            usage = self.folder_usage()
            used, entries = usage if usage is not None else (0, 0)
            if usage is None:
                self.tripped = {
                    "kind": "disk",
                    "message": "the notebook made a part of its folder whose files cannot be counted (nested past the longest path, "
                    "or closed), and was stopped",
                }
            elif used > self.disk_bytes:
                self.tripped = {
                    "kind": "disk",
                    "message": f"the notebook wrote {used / 2**20:.0f} MB of files, over the limit of "
                    f"{self.disk_bytes / 2**20:.0f} MB, and was stopped",
                }
            elif self.max_files and entries > self.max_files:
                self.tripped = {
                    "kind": "disk",
                    "message": f"the notebook made {entries} files and folders, over the limit of {self.max_files}, and was stopped",
                }
        return self.tripped


class HeapLimit:
    """A kernel manager whose node kernel starts with the JavaScript heap limit `heap_mb` (as nbgrader's
    confined kernels, src/nbgrader/confined_kernels.py's with_heap_limit)."""

    heap_mb = 0

    async def _async_pre_start_kernel(self, **kw):
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        nbgrader_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nbgrader")
        if nbgrader_dir not in sys.path:  # once, not at every kernel start
            sys.path.insert(0, nbgrader_dir)
        from confined_kernels import with_heap_limit

        return with_heap_limit(kernel_cmd, self.heap_mb), kw


class GradingClient(NotebookClient):
    """nbclient's client with our kernel spec and a cap on the size of outputs."""

    def __init__(self, nb, job, **kwargs):
        super().__init__(nb, **kwargs)
        limits = job["limits"]
        self.kernel_dirs = [job["kernel_dir"]] if job.get("kernel_dir") else None
        self.socket_prefix = job.get("socket_prefix")
        self.private_sockets = job.get("private_sockets", False)
        self.heap_mb = limits.get("heap_mb")
        self.cell_output_cap = limits["cell_output_bytes"]
        self.notebook_output_cap = limits["notebook_output_bytes"]
        self.notebook_output_bytes = 0
        self.cell_output_bytes = 0
        self.dropped_bytes = 0
        self.kept_late_stderr = False
        self.cell_capped = False

    def create_kernel_manager(self):
        ksm = KernelSpecManager(kernel_dirs=self.kernel_dirs) if self.kernel_dirs else KernelSpecManager()
        manager_class = self.kernel_manager_class
        if self.private_sockets and not self.socket_prefix:
            # outside the sandbox, as nbgrader's kernels: Unix sockets in a fresh private folder,
            # removed with the kernel (a TCP port could be taken before the kernel binds it)
            sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nbgrader"))
            from unix_socket_kernels import PrivateUnixSockets

            manager_class = type(f"Private{manager_class.__name__}", (PrivateUnixSockets, manager_class), {})
        if self.heap_mb and not self.socket_prefix:
            # a registered kernel (outside the sandbox, whose command has the flag already) with the grader's
            # heap limit: under node's own (4 GB on a machine of 16 GB), a notebook holding 2 to 3 GB of
            # JavaScript objects passed `npm run validate` and ran out of heap in grading
            manager_class = type(f"HeapLimited{manager_class.__name__}", (HeapLimit, manager_class), {"heap_mb": self.heap_mb})
        self.km = prompt_exit(manager_class)(
            kernel_name=self.kernel_name, kernel_spec_manager=ksm, config=self.config
        )
        self.km.client_factory = PromptReadyClient
        if self.socket_prefix:
            # Unix sockets in the sandbox: no other process can take them between the choice of
            # address and the kernel's bind, as it could a TCP port (lib/kernel/kernel-sockets.cjs)
            self.km.transport = "ipc"
            self.km.ip = self.socket_prefix
        return self.km

    def start_cell(self):
        self.cell_output_bytes = 0
        self.dropped_bytes = 0
        self.kept_late_stderr = False
        # once an output of the cell was dropped, so are those after it: a smaller one that still
        # fitted came after the one dropped (a copy of a test's result, made once the test had
        # published its own, which a flood of the cell's had pushed past the cap)
        self.cell_capped = False

    def over_cap(self, size):
        return (
            self.cell_output_bytes + size > self.cell_output_cap
            or self.notebook_output_bytes + size > self.notebook_output_cap
        )

    def forget(self, outs):
        """Outputs cleared by the notebook no longer count."""
        size = sum(output_size(output) for output in outs)
        self.cell_output_bytes = max(0, self.cell_output_bytes - size)
        self.notebook_output_bytes = max(0, self.notebook_output_bytes - size)

    def clear_output(self, outs, msg, cell_index):
        if not msg.get("content", {}).get("wait"):
            self.forget(outs)
        super().clear_output(outs, msg, cell_index)

    def output(self, outs, msg, display_id, cell_index):
        if self.clear_before_next_output:
            self.forget(outs)
        content = msg.get("content", {})
        msg_type = msg["msg_type"]
        if msg_type == "error":
            # Errors are kept whatever the budget, since dropping one could turn a failure into a
            # pass, but bounded: their first part, smaller once the notebook's budget is spent.
            spent = self.notebook_output_bytes >= self.notebook_output_cap
            bound_error(content, MIN_ERROR_VALUE_CHARS if spent else MAX_ERROR_VALUE_CHARS)
        size = len(json.dumps(content, default=str))
        if msg_type != "error" and (self.cell_capped or self.over_cap(size)):
            self.cell_capped = True
            self.dropped_bytes += size
            # A first piece of stderr is kept whatever the budget: it fails a test cell.
            if msg_type == "stream" and content.get("name") == "stderr" and not self.kept_late_stderr:
                self.kept_late_stderr = True
                content["text"] = content.get("text", "")[:2000]
                size = len(json.dumps(content, default=str))
            else:
                return None
        self.cell_output_bytes += size
        self.notebook_output_bytes += size
        return super().output(outs, msg, display_id, cell_index)

    def outputs_rearranged(self, cell_index, before, after):
        """A finished cell's outputs were rearranged (streams joined, cut, notes added: `before`
        became `after`): the display ids shown in it point to where those outputs now are. nbclient
        keeps them as positions in the list as it grew, and a later cell's update of such a display
        wrote into whichever output took its place (a stream, another display) or, past the list's
        end, stopped the runner with an IndexError, the notebook graded as the grader's error.
        Only streams are joined or cut, so the cell's other outputs keep their order."""
        def kept(outputs):
            return [i for i, output in enumerate(outputs) if output.get("output_type") != "stream"]

        moved = dict(zip(kept(before), kept(after)))
        for cell_map in self._display_id_map.values():
            if cell_index in cell_map:
                cell_map[cell_index] = [moved[i] for i in cell_map[cell_index] if i in moved]

    def _update_display_id(self, display_id, msg):
        """An update replaces earlier outputs (in any cell): it counts by how much it grows them, and
        puts no test result there (no_result_updates.py)."""
        msg = without_result(msg)
        new_size = len(json.dumps(msg.get("content", {}).get("data", {}), default=str)) + len(
            json.dumps(msg.get("content", {}).get("metadata", {}), default=str)
        )
        growth = 0
        for cell_index, output_indices in self._display_id_map.get(display_id, {}).items():
            outputs = self.nb["cells"][cell_index]["outputs"]
            for output_index in output_indices:
                if output_index < len(outputs):
                    old = outputs[output_index]
                    growth += new_size - len(json.dumps(old.get("data", {}), default=str)) - len(
                        json.dumps(old.get("metadata", {}), default=str)
                    )
        if growth > 0 and self.over_cap(growth):
            self.dropped_bytes += new_size
            return
        self.cell_output_bytes += max(growth, 0)
        self.notebook_output_bytes += growth
        super()._update_display_id(display_id, msg)


def enforce_output_caps(nb, cell_cap, notebook_cap):
    """The caps, checked once more on the notebook as it will be written (display updates
    reach back into earlier cells): outputs past a cap are dropped, errors kept but bounded.
    Returns {cell index: bytes dropped}."""
    dropped = {}
    total = 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        kept = []
        in_cell = 0
        capped = False  # past the first output dropped, the cell's later ones are dropped too (GradingClient.output)
        for output in cell.outputs:
            if output.get("output_type") == "error":
                bound_error(output, MIN_ERROR_VALUE_CHARS if total >= notebook_cap else MAX_ERROR_VALUE_CHARS)
                size = output_size(output)
            else:
                size = output_size(output)
                if capped or in_cell + size > cell_cap or total + size > notebook_cap:
                    capped = True
                    dropped[index] = dropped.get(index, 0) + size
                    continue
            kept.append(output)
            in_cell += size
            total += size
        cell.outputs = kept
    return dropped


def coalesce_streams(outputs):
    """Joins consecutive stream outputs of the same name, as nbclient does."""
    merged = []
    for output in outputs:
        if (
            output.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == output.get("name")
        ):
            merged[-1]["text"] += output.get("text", "")
        else:
            merged.append(output)
    return merged


def limit_output(cell, max_lines):
    """nbgrader's LimitOutput (at most max_lines of stream text, tracebacks cut to
    MAX_TRACEBACK_LINES), imported only for a cell it would change: importing nbgrader
    costs a second or two of CPU, which every notebook run would otherwise pay."""
    streams = sum(len(o.get("text", "").split("\n")) for o in cell.outputs if o.get("output_type") == "stream")
    longest_traceback = max((len(o.get("traceback", [])) for o in cell.outputs if o.get("output_type") == "error"), default=0)
    if (max_lines < 0 or streams <= max_lines) and longest_traceback <= MAX_TRACEBACK_LINES:
        return
    from nbgrader.preprocessors import LimitOutput

    cell.outputs = nbformat.from_dict(list(cell.outputs))
    LimitOutput(max_lines=max_lines, max_traceback=MAX_TRACEBACK_LINES).preprocess_cell(cell, {}, 0)


class Runner:
    """Runs a notebook's cells under the job's limits. The grader's jobs (main below) are
    supervised: the runner reports that it is alive, and what the kernel process writes to its
    own stdout and stderr is captured. scripts/run_notebook.py and the notebook tests run
    registered kernels with the same class (options: kernel_name, supervised, stop_on_error,
    mark_not_run, capture_kernel_output)."""

    def __init__(self, job, nb=None, on_cell=None):
        self.job = job
        # on_cell(kind, index, seconds_limit, status): told "start" before a cell runs and "end" after
        # it, with its status then ("ok", "error", "timeout")
        # (scripts/run_notebook.py passes these on, for validate to say which cell is running)
        self.on_cell = on_cell
        self.limits = job["limits"]
        self.nb = nb if nb is not None else nbformat.read(job["notebook"], as_version=4)
        self.supervised = job.get("supervised", True)
        self.client = GradingClient(
            self.nb,
            job,
            kernel_name=job.get("kernel_name", KERNEL_NAME),
            timeout=None,
            startup_timeout=self.limits["startup_timeout"],
            allow_errors=True,
            record_timing=False,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": job["cwd"]}},
        )
        self.events = []
        self.cells = {}
        self.stop = None
        self.watchdog = None
        self.started = time.monotonic()
        self.kernel_pid = None
        self.kernel_ready = False
        self.raw_output = RawOutput() if job.get("capture_kernel_output", True) else None

    def event(self, kind, cell=None, **details):
        self.events.append({"kind": kind, "cell": cell, **details})

    def cell_timeout(self, index):
        """The instructor's limit for this cell: the grader works it out from the course (a
        cell's own metadata in the submission is never read)."""
        custom = self.job.get("cell_timeouts", {}).get(str(index))
        return float(custom) if custom else float(self.limits["cell_timeout"])

    async def interrupt(self):
        try:
            await self.client.km.interrupt_kernel()
        except Exception:  # noqa: BLE001 (a kernel gone: the watch above sees it)
            pass

    async def kill_kernel(self):
        km = self.client.km
        if km is None:
            return
        try:
            await km.kill_kernel()
        except Exception:  # already gone
            pass
        if self.kernel_pid:
            try:
                os.kill(self.kernel_pid, signal.SIGKILL)
            except OSError:
                pass

    def kernel_exit(self):
        process = getattr(getattr(self.client.km, "provisioner", None), "process", None)
        if process is None:
            return None
        return process.poll()

    def kernel_stderr_tail(self):
        """The end of the kernel's own output, without V8's lines that carry addresses (native stack frames
        "3: 0xee85e7 v8::…", garbage-collector traces "[17911:0x13eb8220] 506 ms: Mark-Compact …"): they say
        nothing to a reader, and a stack of them had pushed the reason (heap out of memory) out of the tail."""
        if not self.raw_output:
            return ""
        lines = self.raw_output.text().splitlines()
        return "\n".join(line for line in lines if line.strip() and not ADDRESS.search(line))[-4000:]

    def death_message(self):
        code = self.kernel_exit()
        tail = self.kernel_stderr_tail()
        if "heap out of memory" in tail or "Reached heap limit" in tail:
            return "memory", (
                f"the kernel ran out of memory (JavaScript heap over {self.limits.get('heap_mb', '?')} MB) and stopped"
            )
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return "kernel-died", f"the kernel crashed ({name})"
        if code is not None:
            return "kernel-died", f"the kernel exited (exit code {code}): process.exit() in a cell, or an error it could not recover from"
        return "kernel-died", "the kernel stopped responding"

    async def run_cell(self, index, cell):
        kc = self.client.kc
        timeout = self.cell_timeout(index)
        raw_before = self.raw_output.total if self.raw_output else 0
        began = time.monotonic()
        notebook_deadline = self.started + self.limits["notebook_timeout"]
        deadline = min(began + timeout, notebook_deadline)
        cell.outputs = []
        self.client.clear_before_next_output = False
        self.client.start_cell()
        msg_id = kc.execute(cell.source, store_history=True, stop_on_error=False, allow_stdin=False)
        poller = zmq.asyncio.Poller()
        poller.register(kc.iopub_channel.socket, zmq.POLLIN)
        poller.register(kc.shell_channel.socket, zmq.POLLIN)
        reply = None
        idle = False
        reply_at = None
        interrupted_at = None
        last_interrupt = 0.0
        timed_out = None
        stop = None
        last_watch = 0.0
        # messages whose JSON nests deeper than Python's parser can go (a display of data nested
        # a thousand levels): dropped, where they would have ended the runner
        unreadable = 0
        # messages the kernel sent in a shape nbclient cannot take (a display's content as a cell made it)
        malformed = 0
        while not (reply is not None and (idle or time.monotonic() - reply_at > IDLE_WAIT_SECONDS)):
            now = time.monotonic()
            if now - last_watch >= WATCH_SECONDS:
                last_watch = now
                tripped = self.watchdog.check() if self.watchdog else None
                if tripped:
                    stop = tripped
                    await self.kill_kernel()
                    break
                if not await kc.is_alive():
                    await asyncio.sleep(0.2)  # let the exit code and the log settle
                    kind, message = self.death_message()
                    stop = {"kind": kind, "message": message}
                    break
            if reply is None and interrupted_at is None and now > deadline:
                timed_out = "notebook" if deadline >= notebook_deadline and now > notebook_deadline else "cell"
                interrupted_at = last_interrupt = now
                self.event("interrupted", index, reason=f"{timed_out}-timeout", seconds=round(now - began, 1))
                await self.interrupt()
            elif interrupted_at is not None and reply is None and now - last_interrupt >= INTERRUPT_AGAIN_SECONDS:
                # an interrupt that reached the kernel while it still compiled the cell was lost (node's SIGINT
                # breaks only code already running): sent again until the cell ends, as nbgrader's path does
                last_interrupt = now
                await self.interrupt()
            if interrupted_at is not None and reply is None and now - interrupted_at > INTERRUPT_GRACE_SECONDS:
                await self.kill_kernel()
                stop = {
                    "kind": "timeout",
                    "message": f"the cell ran past its {timeout:.0f} s limit and the kernel did not respond "
                    "to an interrupt, so it was stopped"
                    if timed_out == "cell"
                    else f"the notebook ran past its {self.limits['notebook_timeout']:.0f} s limit",
                }
                break
            # wait for either channel at once, waking for the checks above at least every WATCH_SECONDS
            # (a loop that looked at each channel in turn woke 20 times a second: its CPU grew with the run)
            ready = dict(await poller.poll(int(WATCH_SECONDS * 1000)))
            try:
                if kc.iopub_channel.socket in ready:
                    msg = await kc.iopub_channel.get_msg(timeout=0)
                    if msg["parent_header"].get("msg_id") == msg_id:
                        try:
                            self.client.process_message(msg, cell, index)
                        except CellExecutionComplete:
                            idle = True
                        except RecursionError:
                            raise
                        except Exception:  # noqa: BLE001 (any message the runner cannot take is the cell's)
                            # tslab sends a display's content as the cell's code gave it (its
                            # display function is reachable): an update naming a list as its
                            # display id, or a display without data, stopped the runner with a
                            # Python error, and the notebook was graded as the grader's error
                            malformed += 1
            except Empty:
                pass
            except RecursionError:
                unreadable += 1
            if reply is None and kc.shell_channel.socket in ready:
                try:
                    shell_msg = await kc.shell_channel.get_msg(timeout=0)
                    if shell_msg["parent_header"].get("msg_id") == msg_id:
                        reply = shell_msg
                        reply_at = time.monotonic()
                except Empty:
                    pass
                except RecursionError:
                    unreadable += 1

        seconds = round(time.monotonic() - began, 3)
        outputs = coalesce_streams(cell.outputs)
        if self.client.dropped_bytes:
            self.event("output-truncated", index, dropped_bytes=self.client.dropped_bytes)
            outputs.append(
                note_output(
                    f"output truncated: {self.client.dropped_bytes / 2**20:.1f} MB more were dropped "
                    f"(limit {self.limits['cell_output_bytes'] / 2**20:.1f} MB per cell, "
                    f"{self.limits['notebook_output_bytes'] / 2**20:.1f} MB per notebook)"
                )
            )
        if unreadable:
            self.event("unreadable-output", index, messages=unreadable)
            outputs.append(note_output(f"{unreadable} output(s) nested too deeply to be read were dropped"))
        if malformed:
            self.event("malformed-output", index, messages=malformed)
            outputs.append(note_output(f"{malformed} output message(s) the runner could not read (a display's content not as Jupyter's protocol has it) were dropped"))
        raw_bytes, raw_text = self.raw_output.since(raw_before) if self.raw_output else (0, "")
        if raw_bytes > 0:
            self.event("raw-output", index, bytes=raw_bytes)
            outputs.append(
                note_output(
                    f"the cell wrote {raw_bytes} bytes to the kernel process's own stdout or stderr, outside the "
                    f"notebook; they begin: {cut(raw_text, 500)!r}"
                )
            )
        if reply is not None and reply["content"].get("status") == "error":
            ename = reply["content"].get("ename")
            if not any(o.get("output_type") == "error" for o in outputs):
                # A kernel that reports a failure without an error output: record it.
                outputs.append(error_output(ename or "Error", reply["content"].get("evalue", "the cell failed")))
        if timed_out and stop is None:
            outputs.append(
                error_output(
                    "CellTimeoutError",
                    f"the cell ran longer than {timeout:.0f} s and was interrupted"
                    if timed_out == "cell"
                    else f"the notebook ran past its {self.limits['notebook_timeout']:.0f} s limit; this cell was interrupted",
                )
            )
        if stop is not None:
            stop["cell"] = index
            outputs.append(error_output(stop_ename(stop["kind"]), stop["message"]))
        grown = list(cell.outputs)
        cell.outputs = outputs
        limit_output(cell, self.limits["max_lines"])
        self.client.outputs_rearranged(index, grown, cell.outputs)
        if reply is not None and reply["content"].get("execution_count") is not None:
            cell.execution_count = reply["content"]["execution_count"]
        status = "error" if any(o.get("output_type") == "error" for o in cell.outputs) else "ok"
        self.cells[str(index)] = {"seconds": seconds, "status": "timeout" if timed_out else status}
        # The kernel's own verdict on the cell (None without a reply): the grader needs "ok".
        self.cells[str(index)]["reply"] = reply["content"].get("status") if reply is not None else None
        if timed_out == "notebook" and stop is None:
            stop = {"kind": "timeout", "message": f"the notebook ran past its {self.limits['notebook_timeout']:.0f} s limit", "cell": index}
        return stop

    def mark_not_run(self, start):
        if not self.job.get("mark_not_run", True):
            return
        for index in range(start, len(self.nb.cells)):
            cell = self.nb.cells[index]
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            cell.outputs = [error_output("NotRun", f"not run: {self.stop['message']} (at cell {self.stop['cell'] + 1})")]
            cell.execution_count = None
            self.cells[str(index)] = {"seconds": 0, "status": "not-run"}

    async def heartbeat(self):
        while True:
            say("alive")
            await asyncio.sleep(HEARTBEAT_SECONDS)

    async def run(self):
        beating = asyncio.create_task(self.heartbeat()) if self.supervised else None
        # uncaptured, what the kernel process writes goes to this process's stderr, never to its
        # stdout (which may carry the executed notebook or a report)
        raw = self.raw_output.write_end if self.raw_output else sys.stderr.fileno()
        try:
            options = {"cwd": self.job["cwd"], "stdout": raw, "stderr": raw}
            if self.job.get("env") is not None:
                options["env"] = self.job["env"]
            async with self.client.async_setup_kernel(**options):
                self.kernel_ready = True
                if self.supervised:
                    say("ready")
                self.kernel_pid = getattr(self.client.km.provisioner, "pid", None)
                if self.kernel_pid and self.job.get("pid_file"):
                    with open(self.job["pid_file"], "w", encoding="ascii") as pid_file:
                        pid_file.write(str(self.kernel_pid))
                # the disk is watched only where no file system limits it (the same-user path)
                self.watchdog = Watchdog(
                    self.kernel_pid, self.limits.get("memory_mb"), self.job.get("sandbox"), self.limits.get("polled_disk_mb"),
                    self.limits.get("polled_max_files"),
                )
                await self.run_cells()
                if self.stop is not None:
                    await self.kill_kernel()
        except Exception as error:
            if self.kernel_ready:
                raise
            self.stop = {
                "kind": "startup-failed",
                "message": f"the kernel did not start ({type(error).__name__}: {error})",
                "cell": 0,
            }
            self.mark_not_run(0)
        finally:
            if beating:
                beating.cancel()
            if self.watchdog:
                self.peak_rss = self.watchdog.peak_rss

    async def run_cells(self):
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            if self.supervised:
                say(f"cell {index + 1}/{len(self.nb.cells)}")
            if self.on_cell:
                self.on_cell("start", index, self.cell_timeout(index), None)
            stop = await self.run_cell(index, cell)
            if self.on_cell:
                self.on_cell("end", index, self.cell_timeout(index), self.cells.get(str(index), {}).get("status"))
            if stop is None and self.job.get("stop_on_error") and self.cells[str(index)]["status"] == "error":
                error = next(o for o in cell.outputs if o.get("output_type") == "error")
                stop = {"kind": "cell-error", "message": f"{error.get('ename')}: {error.get('evalue')}", "cell": index}
            if stop is not None:
                self.stop = stop
                self.event("stopped", index, reason=stop["kind"])
                self.mark_not_run(index + 1)
                return

    def enforce_caps(self):
        dropped = enforce_output_caps(self.nb, self.limits["cell_output_bytes"], self.limits["notebook_output_bytes"])
        for index, size in dropped.items():
            self.event("output-truncated", index, dropped_bytes=size)
            self.nb.cells[index].outputs.append(
                note_output(f"output truncated: {size / 2**20:.1f} MB more were dropped at the notebook's caps")
            )

    def result(self):
        return {
            "outcome": "stopped" if self.stop else "completed",
            "stop": self.stop,
            "events": self.events,
            "cells": self.cells,
            "seconds": round(time.monotonic() - self.started, 3),
            "peak_rss_mb": round(getattr(self, "peak_rss", 0) / 2**20, 1),
            "kernel_log_tail": self.kernel_stderr_tail()[-1500:],
        }


def stop_ename(kind):
    return {
        "memory": "MemoryLimitError",
        "disk": "DiskLimitError",
        "timeout": "CellTimeoutError",
        "kernel-died": "KernelDiedError",
        "startup-failed": "KernelStartError",
    }.get(kind, "AutograderError")


def cli_job(kernel, cwd, cell_timeout, stop_on_error=False, notebook_timeout=24 * 3600, memory_mb=None, heap_mb=None):
    """A job for a registered kernel, outside the grading sandbox (scripts/run_notebook.py, the
    notebook tests): the grader's output caps and cell limits, no disk limit, a memory and a heap
    limit only when given, the kernel's sockets private; what the kernel process writes to its own stdout and stderr goes to
    this process's stderr."""
    return {
        "kernel_name": kernel,
        "cwd": cwd,
        "supervised": False,
        "capture_kernel_output": False,
        "stop_on_error": stop_on_error,
        "mark_not_run": False,
        "private_sockets": True,
        "limits": {
            "cell_timeout": cell_timeout,
            "notebook_timeout": notebook_timeout,
            "startup_timeout": 120,
            "cell_output_bytes": 5 * 2**20,
            "notebook_output_bytes": 20 * 2**20,
            "max_lines": 1000,
            "memory_mb": memory_mb,
            "heap_mb": heap_mb,
        },
    }


def write_json_atomic(path, data):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
    os.replace(temporary, path)


def main(job_path):
    # Signals other than the grader's SIGKILL end the runner as signals do (never as a Python
    # error): the grader then knows that something stopped it from outside.
    for name in ("SIGINT", "SIGHUP", "SIGUSR1", "SIGUSR2"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    runner = Runner(job)
    try:
        asyncio.run(runner.run())
    except Exception:
        write_json_atomic(job["result"], {"outcome": "runner-error", "message": traceback.format_exc()[-3000:]})
        return 1
    runner.enforce_caps()
    temporary = f"{job['output']}.{os.getpid()}.tmp"
    nbformat.write(well_formed_text(runner.nb), temporary)
    os.replace(temporary, job["output"])
    write_json_atomic(job["result"], runner.result())
    return 0


def serve():
    """Runs the jobs the grader names on stdin, each in a runner forked from this process, which
    has loaded nbclient, nbformat and jupyter_client once (about 0.25 s of CPU a runner saves).

    stdin: one line a job, `<tag>\t<job.json>\t<stderr file>\t<environment as JSON>`.
    stdout: `ready` once; then for each job `started\t<tag>\t<pid>`, the runner's own lines as
    `say\t<tag>\t<line>`, and `exited\t<tag>\t<exit code>\t<signal name>` (one of the two empty).
    Each runner leads a session of its own, as a runner the grader starts itself: the grader
    stops one by killing its process group. When stdin closes, this process ends; runners
    still going go on to their end."""
    import importlib
    import selectors

    # imported by every runner on its way (jupyter_client looks up IPython's folder while it finds
    # the kernel spec, and its provisioner uses psutil): once here, for all of them (0.1 s each)
    for name in ("IPython.paths", "psutil", "resource"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    # and what they would each build the first time: the kernel provisioners' registry (read from
    # the installed packages' entry points) and nbformat's compiled schema validator
    from jupyter_client.provisioning import KernelProvisionerFactory

    KernelProvisionerFactory.instance()
    nbformat.validate(nbformat.v4.new_notebook())

    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    running = {}

    def tell(*fields):
        os.write(1, ("\t".join(str(field) for field in fields) + "\n").encode())

    def reap():
        while running:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            tag = running.pop(pid, None)
            if tag is None:
                continue
            if os.WIFSIGNALED(status):
                tell("exited", tag, "", signal.Signals(os.WTERMSIG(status)).name)
            else:
                tell("exited", tag, os.waitstatus_to_exitcode(status), "")

    def start(tag, job_path, stderr_path, environment):
        pid = os.fork()
        if pid != 0:
            running[pid] = tag
            tell("started", tag, pid)
            return
        code = 1
        try:
            os.setsid()
            signal.set_wakeup_fd(-1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            for descriptor in (wake_read, wake_write):
                os.close(descriptor)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            errors = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(errors, 2)
            os.environ.update(environment)
            import tempfile

            tempfile.tempdir = None
            global FORKED_TAG
            FORKED_TAG = tag
            code = main(job_path)
        except BaseException:  # noqa: BLE001 - whatever happens, this process must end here
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)

    selector = selectors.DefaultSelector()
    selector.register(0, selectors.EVENT_READ)
    selector.register(wake_read, selectors.EVENT_READ)
    tell("ready")
    pending = b""
    while True:
        for key, _events in selector.select():
            if key.fd == wake_read:
                try:
                    while os.read(wake_read, 512):
                        pass
                except BlockingIOError:
                    pass
                reap()
                continue
            chunk = os.read(0, 65536)
            if not chunk:
                return 0
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                tag, job_path, stderr_path, environment = line.decode().split("\t", 3)
                start(tag, job_path, stderr_path, json.loads(environment))


if __name__ == "__main__":
    sys.exit(serve() if sys.argv[1:2] == ["--serve"] else main(sys.argv[1]))

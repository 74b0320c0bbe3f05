"""nbgrader's kernels under node's permission model, as `npm run autograde` runs its own.

nbgrader runs a submission's code as the instructor's user, in the course directory: without
this, a student's cell rewrites the course's `source/` (the metadata ReportedChecks reads after
the run: an empty notebook there, and a failing test with points per check gets all its
points), reads the course's solutions and runs them, starts a process that edits
`gradebook.db` once nbgrader has saved the grades, or loads native code. Here the kernel may
read only its connection file, the notebook's own folder, the course directory's copy of the
packages (where TypeScript finds the types of `neural-mi`), the packages it runs from and the
course's compile table (the released cells compiled ahead by the set-up),
write only the notebook's folder, and start no process or worker; native code loads only
from the packages (lib/kernel/harden.cjs).

Node checks a path as written, with `..` taken away, while the operating system follows a
symbolic link first: were a folder holding a link into the repository readable as a whole
(the repository's node_modules, where the package neural-mi links to `../lib`),
`node_modules/neural-mi/../notebooks` would read the course's solutions. So the packages the
kernel runs from are readable entry by entry, never through a link, and the copy that
TypeScript reads as a whole is made of hard links (src/nbgrader/course-dir.mjs).
"""

import atexit
import ctypes
import functools
import json
import os
import resource
import signal
import subprocess
import sys
import threading

from traitlets import Bool, Integer, default

from kernel_output import KernelOutput
from unix_socket_kernels import UnixSocketKernelManager

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "execute"))
from folder_usage import Unseen, folder_usage  # noqa: E402  (the runner's watch counts with it too)
from prompt_exit import PromptExitWait  # noqa: E402  (the runner's kernels end the same way)
from prompt_ready import PromptReadyClient  # noqa: E402  (and start the same way)
from own_network import own_network_entry  # noqa: E402  (and reach no network the same way)
from own_files import own_files_entry  # noqa: E402  (and write no file but their folders' the same way)
from one_core import group_ahead, join_group, probe as probe_one_core, remove_group  # noqa: E402  (and take one core's time the same way)
from resident_memory import resident_bytes  # noqa: E402  (and read a kernel's memory the same way)


_REPO = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
_COMPILE_TABLE = os.path.join(_REPO, ".cache", "kernel-snapshot", "compile-table.json")


@functools.lru_cache(maxsize=None)
def permission_flags(node):
    """The flag that turns on node's permission model (renamed in node 23) and the options that
    silence its start-up warnings, or None when this node has none."""
    for flag in ("--permission", "--experimental-permission"):
        if subprocess.run([node, flag, "--allow-fs-read=*", "--allow-addons", "-e", "0"], capture_output=True).returncode != 0:
            continue
        quiet = [f"--disable-warning={name}" for name in ("ExperimentalWarning", "SecurityWarning")]
        return [flag] + [option for option in quiet if subprocess.run([node, option, "-e", "0"], capture_output=True).returncode == 0]
    return None


def _package_entries(modules):
    """Each package of a node_modules folder, and the real folder of a linked one (node resolves
    a package through its link). Past a link, `..` leads where the link points: through
    `node_modules/neural-mi` (a link to `<repository>/lib`), `node_modules/neural-mi/../<name>`
    reads `<repository>/<name>` wherever `node_modules/<name>` is readable, so no package may be
    named like a file beside the link's target."""
    names = sorted(name for name in os.listdir(modules) if name != ".bin")
    allowed = []
    for name in names:
        entry = os.path.join(modules, name)
        if os.path.islink(entry):
            target = os.path.realpath(entry)
            beside = [other for other in names if os.path.lexists(os.path.join(os.path.dirname(target), other))]
            if beside:
                raise RuntimeError(f"{entry} links to {target}, beside which {beside} would be readable through it: rename them")
            allowed += [entry, target]
        elif name.startswith("@") and os.path.isdir(entry):
            allowed += _package_entries(entry)
        else:
            allowed.append(entry)
    return allowed


def _without_links(modules):
    """Whether a node_modules folder is a copy without symbolic links where npm puts them (packages and scopes)."""
    if os.path.islink(modules) or not os.path.isdir(modules):
        return False
    for name in os.listdir(modules):
        entry = os.path.join(modules, name)
        if os.path.islink(entry) or (name.startswith("@") and os.path.isdir(entry) and not _without_links(entry)):
            return False
    return True


def readable_paths(cwd, connection_file):
    """What the kernel of a notebook in `cwd` may read."""
    folder = cwd
    while not _without_links(os.path.join(folder, "node_modules")):
        parent = os.path.dirname(folder)
        if parent == folder:
            raise RuntimeError(
                f"no copy of the course's packages in a folder above {cwd}, where the kernel's TypeScript finds the types of "
                "neural-mi: run `node autograder/bin/nbgrader-course.mjs <course directory>`, which makes one in place of an "
                "older version's node_modules link"
            )
        folder = parent
    # zeromq's loader probes /etc/alpine-release (musl or glibc)
    paths = [cwd, connection_file, "/etc/alpine-release", os.path.join(folder, "node_modules")] + _package_entries(os.path.join(_REPO, "node_modules"))
    # the course's cells compiled ahead by the set-up (lib/kernel/start-tslab.cjs): the released cells only
    if os.path.isfile(_COMPILE_TABLE):
        paths.append(_COMPILE_TABLE)
    return paths


def _blocks(stat):
    """The disk a file takes (a sparse file of 99 MB takes none)."""
    return stat.st_blocks * 512


def _watch(process, folder, disk_limit, files_limit, memory_limit, log):
    """Stops the kernel `process` once the files it added to its folder pass `disk_limit` bytes, or
    its resident memory `memory_limit` (checked every second)."""
    unseen_before = set()
    start, start_entries = folder_usage(folder, _blocks, unseen_before=unseen_before, first=True)
    while process.poll() is None:
        why = None
        try:
            used, entries = folder_usage(folder, _blocks, start + disk_limit, start_entries + files_limit, unseen_before)
            if used > start + disk_limit:
                why = f"wrote over {disk_limit // 2**20} MB into {folder}"
            elif entries > start_entries + files_limit:
                why = f"made over {files_limit} files and folders in {folder}"
        except Unseen as error:
            why = f"made a part of its folder its disk use cannot be counted in ({error})"
        if why is None and memory_limit and (resident_bytes(process.pid) or 0) > memory_limit:
            why = f"used over {memory_limit // 2**20} MB of memory"
        if why:
            log.error("The kernel %s and was stopped", why)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except OSError:
                process.kill()
            return
        try:
            process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass


# What a kernel may hold beyond `memory_mb` before the operating system refuses it more (as
# `npm run autograde`'s kernels): enough that a kernel refused memory is over `memory_mb`, so the
# watchdog stops it for its memory, as a slower one is.
DATA_MARGIN_MB = 512


# The heap limit `npm run autograde` gives its kernels (autograder/bin/autograde.mjs: two thirds of
# `--memory-mb`, at most DEFAULT_LIMITS.heapMb of src/execute/execute-notebook.mjs). Without it a kernel
# here had node's own, which follows the machine's memory (4 GB on a machine of 16 GB): a notebook
# holding 2 to 3 GB of JavaScript objects ran out of heap under `npm run autograde`, its later tests
# not run, and was graded in full here, below `memory_mb`'s watchdog.
MAX_HEAP_MB = 2048


def heap_mb_for(memory_mb):
    """The kernel's heap limit, in MB, for a resident limit of `memory_mb` (0: none, and no heap limit)."""
    return min(MAX_HEAP_MB, int(memory_mb * 2 / 3 + 0.5)) if memory_mb else 0


@functools.lru_cache(maxsize=None)
def snapshot_for_heap(node, heap_mb):
    """The kernel snapshot made for this heap limit (V8 takes a snapshot only under the flags it was made
    with), built once where there is none up to date, as a grading run builds it (scripts/setup/kernel-snapshot.mjs),
    or None: the kernel then starts without one (slower, the same results)."""
    module = "file://" + os.path.join(_REPO, "scripts", "setup", "kernel-snapshot.mjs")
    script = (
        f"import {{ ensureKernelSnapshotFor }} from {json.dumps(module)};\n"
        f"process.stdout.write(ensureKernelSnapshotFor({{ heapMb: {int(heap_mb)} }}).blob ?? '');"
    )
    env = {key: value for key, value in os.environ.items() if key != "NODE_OPTIONS"}
    run = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, env=env)
    return run.stdout if run.returncode == 0 and run.stdout and os.path.isfile(run.stdout) else None


def with_heap_limit(kernel_cmd, heap_mb):
    """The kernelspec's command with node's heap limit `heap_mb`, and the snapshot it names (if any)
    replaced by the one made for that limit; the command as it is for no limit (0)."""
    if not heap_mb:
        return kernel_cmd
    node, rest = kernel_cmd[0], list(kernel_cmd[1:])
    flags = [f"--max-old-space-size={heap_mb}"]
    if "--snapshot-blob" in rest:
        at = rest.index("--snapshot-blob")
        del rest[at:at + 2]
        blob = snapshot_for_heap(node, heap_mb)
        if blob:
            flags += ["--snapshot-blob", blob]
    return [node, *flags, *rest]


_SAID = {"one core": False}


def one_core_here():
    """Whether a grading kernel gets a control group of its own limited to one core's time (one_core.py),
    and what to say about it: only while nbgrader grades or validates (the instructor's own kernels keep
    the machine), as `npm run autograde` probes its machine."""
    if not os.environ.get("NBGRADER_EXECUTION"):
        return {"ok": False, "message": None}
    if os.environ.get("NEURAL_MI_ONE_CORE") == "0":
        return {"ok": False, "message": "not limited: NEURAL_MI_ONE_CORE=0 asks for it"}
    return _one_core_probe()


@functools.lru_cache(maxsize=None)
def _one_core_probe():
    found = probe_one_core()
    if found["ok"]:
        return found
    return {"ok": False, "message": f"not limited ({found['message']}): a kernel's own threads may take more than one core"}


def _os_limits(file_limit, data_limit, writable, readable, program, cpu_group=None):
    """The limits the operating system enforces on the kernel: each file it writes, and its
    writable memory (RLIMIT_DATA: the heap, buffers, WebAssembly memory and thread stacks
    as they are committed, not V8's reservations), which the watchdog's one look a second
    let a fast kernel pass by gigabytes. And the kernel ends with the process that started it
    (_end_with_parent), in a network of its own (own_network.py), with every mount read-only but
    the folders `writable` and no socket but its own in sight (own_files.py), where the installation of
    `program` (node) is still found, in the control group whose list of processes `cpu_group` is a
    descriptor of (one_core.py), where there is one."""
    own_network = own_network_entry()
    own_files = own_files_entry(writable, readable, program)
    end_with_parent = _end_with_parent()

    def apply():
        if cpu_group is not None:
            # before the user namespace: moving a process between groups is checked against the machine's users
            join_group(cpu_group)
        # first: a change of the process's credentials would clear the signal end_with_parent asks for
        own_network()
        own_files()
        end_with_parent()
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
        if data_limit:
            resource.setrlimit(resource.RLIMIT_DATA, (data_limit, data_limit))

    return apply


def _end_with_parent():
    """What the kernel's child process runs first so that it is killed when the process that started it
    (nbgrader, the instructor's server) ends: a kernel starts in a session of its own, and one left by an
    `nbgrader autograde` that its closed terminal stopped (the instructor's server stopped by the hub's
    restart or the culler, which leave the instructor's processes running) ran on with a student's code,
    an endless loop for good, as the instructor (Linux's PR_SET_PDEATHSIG; elsewhere nothing)."""
    parent = os.getpid()
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return lambda: None

    def apply():
        prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != parent:  # it ended before the line above
            os._exit(1)

    return apply


# What a confined kernel's environment keeps of the grader's: what node, tslab and the course's library
# read, nothing else. It runs a student's code as the instructor, and node's permission model leaves
# the network open: the hub's JUPYTERHUB_API_TOKEN opens the instructor's JupyterLab, and a variable
# named like nothing secret may hold a credential all the same (DATABASE_URL, DOCKER_AUTH_CONFIG,
# NPM_CONFIG__AUTH, a webhook's address). `npm run autograde` gives its kernels a fixed list likewise
# (src/execute/execute-notebook.mjs).
_KEPT_NAMES = frozenset({"PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "LANG", "LANGUAGE", "TZ", "NODE_OPTIONS", "NBGRADER_EXECUTION", "TF_CPP_MIN_LOG_LEVEL"})
_KEPT_PREFIXES = ("LC_", "NEURAL_MI_")


def kernel_environment(env):
    """What of `env` a confined kernel gets: the variables it reads, none of the grader's others."""
    return {name: value for name, value in env.items() if name in _KEPT_NAMES or name.startswith(_KEPT_PREFIXES)}


def confine(manager, kernel_cmd, kw, *, file_mb, memory_mb):
    """The command and options that start `manager`'s node kernel under the permission model, in the
    folder `kw["cwd"]`, with the operating system's limits and only the variables it reads in its environment."""
    node = kernel_cmd[0]
    name = getattr(manager, "kernel_name", "") or ""
    if name and name != "tslab":
        # a notebook saved for another kernel (a student's Python notebook handed in): it would run unconfined
        raise RuntimeError(
            f'the notebook asks for the kernel "{name}", and only the course\'s TypeScript kernel (tslab) runs a '
            "student's code confined (under node's permission model): open it with the TypeScript kernel (Kernel > "
            "Change Kernel) to run it; grading (nbgrader autograde, npm run autograde) runs it on that kernel whatever it asks for"
        )
    flags = permission_flags(node)
    if flags is None:
        raise RuntimeError(
            f"{node} has no permission model, so a kernel running a student's code could read and change the course "
            "directory (hidden tests, gradebook): use node 20 or later"
        )
    cwd = os.path.realpath(kw.get("cwd") or os.getcwd())
    # the heap limit `npm run autograde` gives its kernels for this memory limit
    kernel_cmd = with_heap_limit(kernel_cmd, heap_mb_for(memory_mb))
    # one thread for V8's background work (compiling WebAssembly, collecting garbage): a cell keeping
    # asynchronous WebAssembly.compile calls in flight kept V8's four busy for the notebook's whole time
    confinement = flags + ["--v8-pool-size=1", "--allow-addons", f"--allow-fs-write={cwd}"]
    # each path once: node 20 aborts on a path given twice
    readable = list(dict.fromkeys(readable_paths(cwd, manager.connection_file)))
    confinement += [f"--allow-fs-read={path}" for path in readable]
    data_limit = (memory_mb + DATA_MARGIN_MB) * 2**20 if memory_mb else 0
    # native code writes past the permission model (libzmq removes the file at an address it binds):
    # the kernel's folder and its sockets' are all it can write
    # zeromq's I/O threads (a context of as many as a cell asks for) have no setting: a kernel keeping them
    # busy took the cores of the students graded beside it (`nbgrader-autograde.mjs`'s processes)
    one_core = one_core_here()
    if one_core["message"] and not _SAID["one core"]:
        _SAID["one core"] = True
        manager.log.info("Kernels' CPU: %s", one_core["message"])
    manager._cpu_group, cpu_group = group_ahead() if one_core["ok"] else (None, None)
    if manager._cpu_group:
        _GROUPS.add(manager._cpu_group)
    manager._cpu_group_fd = cpu_group
    kw["preexec_fn"] = _os_limits(file_mb * 2**20, data_limit, [cwd, getattr(manager, "socket_dir", None)], readable + [part for part in kernel_cmd if os.path.isabs(part)], node, cpu_group)
    # the kernel runs as the grader (the instructor), with a student's code in it
    kw["env"] = kernel_environment(kw.get("env") or os.environ)
    # one thread for node's background work (asynchronous crypto, zlib, files): a cell queueing pbkdf2
    # calls kept four cores busy for the whole notebook, beside the one its own loop can take
    kw["env"]["UV_THREADPOOL_SIZE"] = "1"
    # its own stdout and stderr, read here and bounded (src/nbgrader/kernel_output.py)
    manager._kernel_output = KernelOutput(manager.log, "the kernel")
    kw["stdout"] = kw["stderr"] = manager._kernel_output.write_end
    manager._watched_folder = cwd
    return [node, *confinement, *kernel_cmd[1:]], kw


def watch_confined(manager, *, disk_mb, max_files, memory_mb):
    """Watches the disk and memory of a kernel `confine` started (once it has started)."""
    folder = getattr(manager, "_watched_folder", None)
    process = getattr(manager.provisioner, "process", None)
    if folder and process is not None:
        threading.Thread(target=_watch, args=(process, folder, disk_mb * 2**20, max_files, memory_mb * 2**20, manager.log), daemon=True).start()


# the groups of this process's kernels not yet removed: at its end, those of kernels that ended last
_GROUPS = set()


def _removed(group):
    remove_group(group)
    _GROUPS.discard(group)


@atexit.register
def _remove_groups_left():
    for group in list(_GROUPS):
        remove_group(group, attempts=20)


def ended_group_fd(manager, launched):
    """After a kernel's launch: this process's descriptor of its control group closed, and the group
    removed once the kernel ends (at once when it did not start)."""
    descriptor = getattr(manager, "_cpu_group_fd", None)
    if descriptor is not None:
        manager._cpu_group_fd = None
        os.close(descriptor)
    group = getattr(manager, "_cpu_group", None)
    if group is None:
        return
    manager._cpu_group = None
    process = getattr(manager.provisioner, "process", None) if launched else None
    if process is None:
        _removed(group)
        return

    def remove_after_end():
        process.wait()
        _removed(group)

    threading.Thread(target=remove_after_end, daemon=True).start()


class KernelOutputClosed:
    """Closes this process's end of the pipe `confine` gave a kernel for its stdout and stderr once
    the kernel started (or failed to): until then the drain never ends."""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        launched = False
        try:
            result = await super()._async_launch_kernel(kernel_cmd, **kw)
            launched = True
            return result
        finally:
            output = getattr(self, "_kernel_output", None)
            if output is not None:
                output.started()
            ended_group_fd(self, launched)


class ConfinedKernelManager(PromptExitWait, KernelOutputClosed, UnixSocketKernelManager):
    """UnixSocketKernelManager whose node kernel runs under the permission model, except for a
    student's Validate of their own notebook (`confine_validate`).

    Its disk is bounded too: the folder where nbgrader runs it lies in the course directory, beside
    the gradebook, and a kernel writing without end filled that disk (the gradebook's next write
    then fails, and nbgrader stops grading every student after this one). Each file it writes is
    capped (RLIMIT_FSIZE, as `npm run autograde` caps them), and the kernel is stopped once what it
    added to its folder passes `disk_mb`, or the files and folders it made there `max_files`
    (checked every second, so a fast writer may pass either by what it writes in a second). So is its memory: the kernel is stopped once its resident memory (the
    heap, buffers and WebAssembly memory) passes `memory_mb`, as `npm run autograde` stops its
    kernels, before it takes the machine's memory from nbgrader, and the operating system refuses it
    more than `memory_mb` + 512 MB of writable memory (RLIMIT_DATA), and its JavaScript heap is limited as
    `npm run autograde` limits it (two thirds of `memory_mb`, at most 2048 MB), the kernel starting from the
    snapshot made for that limit."""

    disk_mb = Integer(200, help="What a kernel may add to its folder, in MB, before it is stopped").tag(config=True)
    max_files = Integer(20000, help="The files and folders a kernel may add to its folder before it is stopped (as `npm run autograde`'s sandbox holds)").tag(config=True)
    memory_mb = Integer(3072, help="The resident memory a kernel may use, in MB, before it is stopped (0: no limit)").tag(config=True)
    file_mb = Integer(100, help="The largest file a kernel may write, in MB").tag(config=True)
    confine_validate = Bool(
        True,
        help="Confine Validate too. The student's own configurations (jupyter/student, hub/student) turn it off: their "
        "Validate runs their own code, as themselves. Anyone else's Validate (the instructor's button or `nbgrader validate` "
        "on a student's notebook) ran the student's code unconfined, as the instructor, beside the course's source and gradebook",
    ).tag(config=True)

    @default("client_factory")
    def _prompt_ready_client(self):
        return PromptReadyClient

    async def _async_pre_start_kernel(self, **kw):
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        if os.environ.get("NBGRADER_EXECUTION") == "validate" and not self.confine_validate:
            # a student's Validate (nbgrader sets this while it runs): their own code, as themselves, grading nothing;
            # with grading's heap, under which a notebook holding 2 to 3 GB of objects ran out of heap (it had node's
            # own, and said "Success" of it)
            kernel_cmd = with_heap_limit(kernel_cmd, heap_mb_for(self.memory_mb))
            return kernel_cmd, kw
        kernel_cmd, kw = confine(self, kernel_cmd, kw, file_mb=self.file_mb, memory_mb=self.memory_mb)
        # requests from nbclient only (lib/kernel/kernel-sockets.cjs): a cell may read the connection file
        # here, and a request it signed and sent itself ran code the course's reading of cells never saw.
        # (Not in the instructor's server, whose kernels confine() starts too: a browser's every page
        # is a client of its own.)
        kw["env"]["NEURAL_MI_KERNEL_ONE_CLIENT"] = "1"
        return kernel_cmd, kw

    async def _async_post_start_kernel(self, **kw):
        await super()._async_post_start_kernel(**kw)
        watch_confined(self, disk_mb=self.disk_mb, max_files=self.max_files, memory_mb=self.memory_mb)

    post_start_kernel = _async_post_start_kernel

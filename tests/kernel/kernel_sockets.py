"""Starts the course's kernel the ways tests/kernel/sockets.test.mjs checks; prints JSON.

  unix <dir>   jupyter_client on the ipc transport with its sockets at <dir>/k-<port>
  nbgrader     the kernel manager of the course's nbgrader configuration
  cli          the kernel manager of the runner's command-line jobs (scripts/run_notebook.py, the notebook tests)
  taken        TCP, with one of the ports the kernel is given already taken by a listener
  peer-shutdown  a kernel taking requests from one client (nbgrader's), a cell keeping its process
               busy with a timer, asked to shut down by another peer with the key: whether it ended
"""
import asyncio
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "autograder", "src", "nbgrader"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "autograder", "src", "execute"))

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from unix_socket_kernels import UnixSocketKernelManager  # noqa: E402
import nbformat  # noqa: E402
from run_notebook import Runner, cli_job  # noqa: E402

KERNEL = "tslab"


async def session(km, sockets_glob):
    """Starts the kernel, runs a cell, stops it; what was listening on the way."""
    await km.start_kernel()
    client = km.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=90)
        reply = await client.execute_interactive("console.log(6 * 7)", timeout=60, output_hook=lambda msg: None)
        listening = sorted(glob.glob(sockets_glob(km)))
    finally:
        client.stop_channels()
        await km.shutdown_kernel(now=False)
    return {
        "transport": km.transport,
        "status": reply["content"]["status"],
        "listening": listening,
        "left": sorted(glob.glob(sockets_glob(km))),
    }


def taken():
    """The kernel's command line as JupyterLab runs it, given a shell port a listener holds."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen()
    ports = {}
    for name in ["iopub_port", "stdin_port", "control_port", "hb_port"]:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        ports[name] = probe.getsockname()[1]
        probe.close()
    ports["shell_port"] = holder.getsockname()[1]
    connection = {**ports, "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256"}
    folder = tempfile.mkdtemp()
    connection_file = os.path.join(folder, "connection.json")
    with open(connection_file, "w", encoding="utf-8") as handle:
        json.dump(connection, handle)
    argv = [part.replace("{connection_file}", connection_file) for part in KernelSpecManager().get_kernel_spec(KERNEL).argv]
    started = time.monotonic()
    try:
        run = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        code, stderr = run.returncode, run.stderr
    except subprocess.TimeoutExpired as stuck:
        code, stderr = None, (stuck.stderr or b"").decode(errors="replace")
    return {"code": code, "seconds": time.monotonic() - started, "stderr": stderr[-2000:], "port": ports["shell_port"]}


async def peer_shutdown():
    """A cell's code outlived a shutdown that only closed the kernel's sockets, and could bind their addresses."""
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.session import Session

    folder = tempfile.mkdtemp()
    km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(folder, "k"))
    await km.start_kernel(env={**os.environ, "NEURAL_MI_KERNEL_ONE_CLIENT": "1"})
    client = km.client()
    client.start_channels()
    peer = None
    try:
        await client.wait_for_ready(timeout=90)
        reply = await client.execute_interactive("const keepAlive = setInterval(() => {}, 1000);", timeout=60, output_hook=lambda msg: None)
        peer = AsyncKernelClient(session=Session(key=km.session.key))
        peer.load_connection_info(km.get_connection_info(session=False))
        peer.start_channels(shell=False, iopub=False, stdin=False, hb=False, control=True)
        peer.shutdown()
        started = time.monotonic()
        while await km.is_alive() and time.monotonic() - started < 15:
            await asyncio.sleep(0.2)
        return {"status": reply["content"]["status"], "alive": await km.is_alive(), "seconds": time.monotonic() - started}
    finally:
        if peer is not None:
            peer.stop_channels()
        client.stop_channels()
        await km.shutdown_kernel(now=True)


def main():
    mode = sys.argv[1]
    if mode == "unix":
        km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(sys.argv[2], "k"))
        result = asyncio.run(session(km, lambda km: km.ip + "-*"))
    elif mode == "nbgrader":
        # socket folders of earlier kernels: one abandoned (empty, an hour old), one of a kernel
        # starting (empty, new), one of a kernel running (an hour old, not empty); and, named for the
        # process that made them, new ones: of a process that has ended, holding its dead kernel's
        # sockets or a file that is not a socket, and of a process still running
        base = tempfile.gettempdir()
        abandoned, starting, running = (tempfile.mkdtemp(prefix="neural-mi-kernel-", dir=base) for _ in range(3))
        open(os.path.join(running, "k-1"), "w").close()
        for folder in (abandoned, running):
            os.utime(folder, (time.time() - 7200, time.time() - 7200))
        ended = subprocess.Popen(["true"])
        ended.wait()
        killed, not_sockets, alive = (tempfile.mkdtemp(prefix=f"neural-mi-kernel-{pid}-", dir=base) for pid in (ended.pid, ended.pid, os.getpid()))
        for folder in (killed, alive):
            for name in ("k-1", "k-2"):
                listener = socket.socket(socket.AF_UNIX)
                listener.bind(os.path.join(folder, name))
                listener.close()
        open(os.path.join(not_sockets, "k-1"), "w").close()
        km = UnixSocketKernelManager(kernel_name=KERNEL)
        folders = (("abandoned", abandoned), ("starting", starting), ("running", running), ("killed", killed), ("not_sockets", not_sockets), ("alive", alive))
        earlier = {name: os.path.exists(folder) for name, folder in folders}
        for folder in (starting, running, not_sockets, alive):
            shutil.rmtree(folder, ignore_errors=True)
        result = asyncio.run(session(km, lambda km: km.ip + "-*"))
        result["folder"] = km.socket_dir
        result["folder_left"] = os.path.exists(km.socket_dir)
        result["earlier_folders_kept"] = earlier
    elif mode == "cli":
        runner = Runner(cli_job(kernel=KERNEL, cwd=tempfile.gettempdir(), cell_timeout=60), nbformat.v4.new_notebook())
        km = runner.client.create_kernel_manager()
        folder = km.socket_dir
        result = asyncio.run(session(km, lambda km: km.ip + "-*"))
        result["folder"] = folder
        result["folder_left"] = os.path.exists(folder)
    elif mode == "peer-shutdown":
        result = asyncio.run(peer_shutdown())
    else:
        result = taken()
    print(json.dumps(result))


if __name__ == "__main__":
    main()

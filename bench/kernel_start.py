"""One kernel start for bench/kernel-start.mjs: starts the kernel whose argv is given as JSON on
stdin ({"argv": [...], "cell": "...", "cwd": null}) in `cwd` (null: an empty folder), runs the cell, and prints the kernel process's CPU
seconds (utime + stime from /proc, read before it is stopped) as JSON."""
import json
import os
import shutil
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import KernelManager

TIMEOUT = 120


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # fields 14 and 15 of proc(5), counted from the state field (3)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    plan = json.load(sys.stdin)
    sockets = tempfile.mkdtemp(prefix="kb-")
    manager = KernelManager(transport="ipc", ip=os.path.join(sockets, "k"))
    manager._kernel_spec = KernelSpec(argv=plan["argv"], display_name="bench", language="typescript", env={"NODE_OPTIONS": ""})
    # in a folder of its own, as a notebook's or a submission's, away from the packages' node_modules
    manager.start_kernel(cwd=plan.get("cwd") or sockets)
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        reply = client.execute_interactive(plan["cell"], timeout=TIMEOUT, output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the cell failed: {reply['content']}")
        cpu = cpu_seconds(manager.provisioner.process.pid)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    os.set_blocking(sys.stdout.fileno(), True)
    json.dump({"cpu": cpu}, sys.stdout)


if __name__ == "__main__":
    main()

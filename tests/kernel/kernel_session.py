"""Talk to the tslab kernel at the protocol level, for tests/kernel.

Reads a JSON plan from stdin:
  {"requests": [{"code": "...", "stop_on_error": true, "interrupt_on_output": true}],
   "batch": false}
With "batch", every request is sent before any reply is awaited (as JupyterLab's
"run all" does); otherwise one after the other. "interrupt_on_output" interrupts
the kernel as soon as the request's first output arrives (so the cell is running).

Writes JSON to stdout: for each request, {"reply": <execute_reply content>,
"iopub": [[msg_type, content], ...]} in arrival order (status messages left out;
"before_interrupt": those that came before the interrupt, when there was one),
plus "alive": whether the kernel still runs at the end.

{"parts": [plan, ...]} runs several such plans one after another on one kernel (a kernel
start less each) and writes {"parts": [{"results": ..., "alive": ...}, ...]}, "alive" read as
each part ends.
"""
import json
import os
import queue
import shutil
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 60


def collect_iopub(client, msg_ids, deadline, until_output=False):
    """iopub messages per parent msg_id until each parent has gone idle
    (or, with until_output, until the first stream output)."""
    messages = {msg_id: [] for msg_id in msg_ids}
    idle = set()
    while len(idle) < len(msg_ids) and time.time() < deadline:
        if until_output and any(m[0] == "stream" for ms in messages.values() for m in ms):
            break
        try:
            msg = client.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        parent = msg["parent_header"].get("msg_id")
        if parent not in messages:
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                idle.add(parent)
            continue
        messages[parent].append([msg["msg_type"], msg["content"]])
    return messages


def get_reply(client, msg_id, deadline):
    while time.time() < deadline:
        try:
            reply = client.get_shell_msg(timeout=1)
        except queue.Empty:
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]
    raise TimeoutError(f"no execute_reply for {msg_id}")


def send(client, request):
    return client.execute(request["code"], stop_on_error=request.get("stop_on_error", True))


def run_part(manager, client, plan):
    """One plan's requests on the running kernel: their results, as the module's docstring says."""
    requests = plan["requests"]
    deadline = time.time() + TIMEOUT
    if plan.get("batch"):
        msg_ids = [send(client, request) for request in requests]
        replies = {msg_id: get_reply(client, msg_id, deadline) for msg_id in msg_ids}
        iopub = collect_iopub(client, msg_ids, deadline)
        return [{"reply": replies[m], "iopub": iopub[m]} for m in msg_ids]
    results = []
    for request in requests:
        msg_id = send(client, request)
        early = []
        if request.get("interrupt_on_output"):
            early = collect_iopub(client, [msg_id], time.time() + TIMEOUT, until_output=True)[msg_id]
            manager.interrupt_kernel()
        try:
            reply = get_reply(client, msg_id, time.time() + TIMEOUT)
        except TimeoutError:
            state = "running" if manager.is_alive() else "dead"
            raise TimeoutError(f"no reply to {request['code']!r}; the kernel is {state}") from None
        iopub = collect_iopub(client, [msg_id], time.time() + TIMEOUT)
        results.append({"reply": reply, "iopub": early + iopub[msg_id], "before_interrupt": early})
    return results


def main():
    plan = json.load(sys.stdin)
    # Unix sockets in a folder of this session's: on TCP, another process could take a port
    # between the client choosing it and the kernel binding it (EADDRINUSE; seen in CI)
    sockets = tempfile.mkdtemp(prefix="ks-")
    manager = KernelManager(kernel_name="tslab", transport="ipc", ip=os.path.join(sockets, "k"))
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    parts = []
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        for part in plan.get("parts", [plan]):
            results = run_part(manager, client, part)
            parts.append({"results": results, "alive": manager.is_alive()})
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
        shutil.rmtree(sockets, ignore_errors=True)
    # the kernel shares this stdout and node makes it non-blocking, where a full pipe would cut
    # the JSON short (Python drops what a write could not place)
    os.set_blocking(sys.stdout.fileno(), True)
    json.dump({"parts": parts} if "parts" in plan else parts[0], sys.stdout)


if __name__ == "__main__":
    main()

"""A display update carries no test result, under both graders.

A test's result (neural-mi's reportResult) counts only as its test cell published it while it ran,
carrying the cell's token. But a display with an id can be replaced later, from any cell: nbclient
rewrites every earlier output showing that id (update_display_data, or a new display with the same
id). A student's function the test calls after its reportResult (chapter 5's test prints through
console.log, which a cell may replace, when the estimate misses) made a display there; a cell of
hers subscribed to the kernel's IOPub received the test's result, token and all; and a later cell
replaced that display with the result claiming the ground truth as the estimate. It was the test
cell's last attested result, and both graders gave the estimate's points. Here an update's data
loses the result's kind before nbclient applies it anywhere.
"""
from result_protocol import RESULT_MIME  # beside this file


def without_result(msg):
    """`msg` (a display or its update, as nbclient hands it to _update_display_id) without a result's data."""
    content = msg.get("content")
    data = content.get("data") if isinstance(content, dict) else None
    if not isinstance(data, dict) or RESULT_MIME not in data:
        return msg
    kept = {kind: value for kind, value in data.items() if kind != RESULT_MIME}
    return {**msg, "content": {**content, "data": kept}}

"""How neural-mi's reportResult publishes a test's result (lib/src/results/protocol.json), for both
graders to read: the display's kind, and the prefix of its printed fallback line."""
import json
import os

_PROTOCOL_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "lib", "src", "results", "protocol.json")
with open(_PROTOCOL_PATH, encoding="utf-8") as _protocol_file:
    _PROTOCOL = json.load(_protocol_file)
RESULT_MIME = _PROTOCOL["mime"]
RESULT_PREFIX = _PROTOCOL["linePrefix"]

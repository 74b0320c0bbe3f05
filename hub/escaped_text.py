"""Text a user chose (a folder's name, a line of her server's output) as a log or a terminal may show it:
bytes that are not UTF-8 and control characters escaped as \\xNN, so that no line break, terminal escape or
stray byte of hers reaches the instructor's console as such."""
import os
import re

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# the same but for tabs and line breaks, for text already cut into lines
_CONTROLS_BUT_LAYOUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escaped(text, keep_layout=False):
    """`text` (bytes, a str whose odd bytes are surrogate-escaped as the file system gives them, or any
    other value, shown as str() shows it) with its bytes not UTF-8 and control characters escaped;
    `keep_layout` leaves tabs and line breaks as they are."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "backslashreplace")
    elif isinstance(text, str):
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    else:
        text = str(text)
    pattern = _CONTROLS_BUT_LAYOUT if keep_layout else _CONTROLS
    return pattern.sub(lambda found: f"\\x{ord(found.group()):02x}", text)

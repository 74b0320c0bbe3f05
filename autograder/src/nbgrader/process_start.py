"""When a process started, to tell it from a later process given the same id (the marks of
cut_short.py and the hub collect's staged copies name the process that made them by both)."""


def start_time(pid):
    """When the process `pid` started (clock ticks since boot, from /proc), or None where it is gone or unknown."""
    try:
        # read as bytes: the command's name is whatever its process set (prctl), in any encoding
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # the fields after the command's name, which may hold spaces and parentheses: the 22nd of the line
            return stat.read().rsplit(b")", 1)[1].split()[19].decode("ascii")
    except (OSError, IndexError, UnicodeDecodeError):
        return None

"""A process's resident memory, as the runner's watch (run_notebook.py) and nbgrader's kernels'
(src/nbgrader/confined_kernels.py) read it for the memory limit."""


def resident_bytes(pid):
    """The resident memory of process `pid` in bytes (VmRSS), or None when it cannot be read."""
    try:
        # read as bytes: its first line is the name the kernel gave itself (process.title), in any
        # encoding, and a name not ASCII made every reading fail, the memory limit unwatched
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None

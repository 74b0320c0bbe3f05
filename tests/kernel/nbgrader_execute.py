"""Run nbgrader's Execute preprocessor (as `nbgrader autograde` does) on the
notebook read from stdin, in the directory given as the first argument; write
the executed notebook to stdout. The kernel listens on Unix sockets, as the course's nbgrader
configuration asks (on TCP another process could take a port before the kernel binds it)."""
import os
import sys

# As in scripts/run_notebook.py: skip jsonschema's slow, unused IRI checker.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "src", "nbgrader"))
from unix_socket_kernels import UnixSocketKernelManager  # noqa: E402


def main():
    notebook = nbformat.read(sys.stdin, as_version=4)
    executed, _ = Execute(timeout=120, kernel_manager_class=UnixSocketKernelManager).preprocess(notebook, {"metadata": {"path": sys.argv[1]}})
    nbformat.write(executed, sys.stdout)


if __name__ == "__main__":
    main()

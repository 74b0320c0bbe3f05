"""Run nbgrader's Execute preprocessor (as `nbgrader autograde` does) on the
notebook read from stdin, in the directory given as the first argument; write
the executed notebook to stdout."""
import sys

import nbformat
from nbgrader.preprocessors import Execute


def main():
    notebook = nbformat.read(sys.stdin, as_version=4)
    executed, _ = Execute(timeout=120).preprocess(notebook, {"metadata": {"path": sys.argv[1]}})
    nbformat.write(executed, sys.stdout)


if __name__ == "__main__":
    main()

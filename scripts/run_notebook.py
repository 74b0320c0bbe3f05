"""Execute a notebook with nbclient and write the executed notebook as JSON.

Usage: run_notebook.py [INPUT|-] [--output FILE] [--cwd DIR] [--allow-errors]
                       [--timeout SECONDS] [--kernel NAME]

INPUT is a .ipynb file, or "-" (the default) to read the notebook from stdin.
The executed notebook goes to --output, or to stdout. Exit status: 0 when the
notebook ran (with --allow-errors, errors in cells are recorded in their outputs),
1 when a cell failed without --allow-errors (the partly executed notebook is
still written), 2 when the kernel died or timed out, 3 for bad arguments.
"""
import argparse
import os
import sys

# jsonschema imports rfc3987_syntax (when installed) only to check "iri" formats, which
# notebook validation never uses; that import builds a parser and takes seconds.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default="-")
    parser.add_argument("--output", default="-")
    parser.add_argument("--cwd", help="directory the kernel runs in (default: the notebook's)")
    parser.add_argument("--allow-errors", action="store_true")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per cell")
    parser.add_argument("--kernel", help="kernel name (default: the notebook's kernelspec)")
    return parser.parse_args(argv)


def read_notebook(source):
    if source == "-":
        return nbformat.read(sys.stdin, as_version=4)
    with open(source, encoding="utf-8") as handle:
        return nbformat.read(handle, as_version=4)


def write_notebook(notebook, target):
    if target == "-":
        nbformat.write(notebook, sys.stdout)
        sys.stdout.flush()
        return
    with open(target, "w", encoding="utf-8") as handle:
        nbformat.write(notebook, handle)


def main(argv=None):
    args = parse_args(argv)
    try:
        notebook = read_notebook(args.input)
    except (OSError, ValueError) as error:
        print(f"run_notebook: cannot read {args.input}: {error}", file=sys.stderr)
        return 3
    cwd = args.cwd or (os.path.dirname(os.path.abspath(args.input)) if args.input != "-" else os.getcwd())
    options = dict(timeout=args.timeout, allow_errors=args.allow_errors, resources={"metadata": {"path": cwd}})
    if args.kernel:
        options["kernel_name"] = args.kernel
    client = NotebookClient(notebook, **options)
    status = 0
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"run_notebook: a cell failed: {error}", file=sys.stderr)
        status = 1
    except (DeadKernelError, CellTimeoutError) as error:
        print(f"run_notebook: {type(error).__name__}: {error}", file=sys.stderr)
        status = 2
    write_notebook(notebook, args.output)
    return status


if __name__ == "__main__":
    sys.exit(main())

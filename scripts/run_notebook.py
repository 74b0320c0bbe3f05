"""Execute a notebook and write the executed notebook as JSON.

Usage: run_notebook.py [INPUT|-] [--output FILE] [--cwd DIR] [--allow-errors]
                       [--timeout SECONDS] [--notebook-timeout SECONDS] [--kernel NAME]
                       [--memory-mb MB] [--heap-mb MB]

INPUT is a .ipynb file, or "-" (the default) to read the notebook from stdin.
The executed notebook goes to --output, or to stdout. Exit status: 0 when the
notebook ran (with --allow-errors, errors in cells are recorded in their outputs),
1 when a cell failed without --allow-errors (the partly executed notebook is
still written), 2 when the kernel died or the run was stopped, 3 for bad arguments,
4 when a cell ran out of time and was interrupted and the cells after it ran (the
interrupted cell holds a CellTimeoutError output).

The cells run through the autograder's runner (autograder/src/execute/run_notebook.py),
with its output caps and time limits, on the registered kernel: what this
runs is what the autograder runs, without the grading sandbox.
"""
import argparse
import asyncio
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "autograder", "src", "execute"))

import nbformat  # noqa: E402
from run_notebook import cli_job, Runner, well_formed_text  # noqa: E402


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default="-")
    parser.add_argument("--output", default="-")
    parser.add_argument("--cwd", help="directory the kernel runs in (default: the notebook's)")
    parser.add_argument("--allow-errors", action="store_true")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per cell")
    parser.add_argument("--kernel", help="kernel name (default: the notebook's kernelspec)")
    parser.add_argument("--memory-mb", type=int, help="stop the kernel when it holds more memory than this (default: no limit)")
    parser.add_argument("--heap-mb", type=int, help="the kernel's JavaScript heap limit, node's --max-old-space-size (default: node's own)")
    parser.add_argument("--notebook-timeout", type=float, default=24 * 3600, help="seconds for the whole notebook, its cells together")
    parser.add_argument("--cell-events", type=int, metavar="FD", help="write a line to this open file descriptor as each cell starts and ends: start|end TAB index (from 0) TAB time limit in s [TAB status, at the end]")
    parser.add_argument("--replies", help="write each cell's run (seconds, status, the kernel's reply status) here, as JSON by cell index")
    return parser.parse_args(argv)


def read_notebook(source):
    if source == "-":
        return nbformat.read(sys.stdin, as_version=4)
    with open(source, encoding="utf-8") as handle:
        return nbformat.read(handle, as_version=4)


def write_notebook(notebook, target):
    notebook = well_formed_text(notebook)
    if target == "-":
        nbformat.write(notebook, sys.stdout)
        sys.stdout.flush()
        return
    with open(target, "w", encoding="utf-8") as handle:
        nbformat.write(notebook, handle)


# how the runner's reasons for stopping were named by nbclient, which callers match
STOP_NAMES = {"kernel-died": "DeadKernelError", "timeout": "CellTimeoutError", "startup-failed": "DeadKernelError"}


def main(argv=None):
    args = parse_args(argv)
    try:
        notebook = read_notebook(args.input)
    except (OSError, ValueError) as error:
        print(f"run_notebook: cannot read {args.input}: {error}", file=sys.stderr)
        return 3
    cwd = args.cwd or (os.path.dirname(os.path.abspath(args.input)) if args.input != "-" else os.getcwd())
    kernel = args.kernel or notebook.metadata.get("kernelspec", {}).get("name", "tslab")
    on_cell = None
    if args.cell_events is not None:
        events = os.fdopen(args.cell_events, "w", encoding="utf-8", buffering=1)

        def on_cell(kind, index, limit, status):
            try:
                events.write(f"{kind}\t{index}\t{limit:g}" + (f"\t{status}" if status else "") + "\n")
            except OSError:  # the reader has gone: the run goes on
                pass

    runner = Runner(cli_job(kernel=kernel, cwd=cwd, cell_timeout=args.timeout, stop_on_error=not args.allow_errors, memory_mb=args.memory_mb,
                        heap_mb=args.heap_mb, notebook_timeout=args.notebook_timeout), notebook, on_cell=on_cell)
    asyncio.run(runner.run())
    runner.enforce_caps()
    status = 0
    if runner.stop is not None:
        kind = runner.stop["kind"]
        if kind == "cell-error":
            print(f"run_notebook: a cell failed: {runner.stop['message']}", file=sys.stderr)
            status = 1
        else:
            print(f"run_notebook: {STOP_NAMES.get(kind, kind)}: {runner.stop['message']}", file=sys.stderr)
            status = 2
    timed_out = [int(index) for index, cell in runner.cells.items() if cell["status"] == "timeout"]
    if timed_out and status == 0:
        numbers = ", ".join(str(index + 1) for index in timed_out)
        print(f"run_notebook: CellTimeoutError: cell(s) {numbers} (counting from 1) ran longer than {args.timeout:g} s and were interrupted; the cells after them ran", file=sys.stderr)
        status = 4
    if args.replies:
        with open(args.replies, "w", encoding="utf-8") as handle:
            json.dump(runner.cells, handle)
    write_notebook(notebook, args.output)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Execute one course notebook headlessly with its kernel and report every cell as JSON.

    python nbrun.py NOTEBOOK [--student] [--probes FILE] [--timeout SECONDS]

--student   run the student version: nbgrader's own ClearSolutions (with the stubs of
            autograder/stubs.json) and ClearHiddenTests applied first, as
            `nbgrader generate_assignment` does.
--save      write the executed notebook, outputs included, to this file.
--probes    a JSON list of {"name": ..., "cells": [source, ...]} run in the same kernel after
            the notebook, each cell reported like the notebook's (used to try wrong answers).

The cells run through the autograder's runner (autograder/src/execute/run_notebook.py, as
scripts/run_notebook.py does), with its output caps and time limits, so what these tests
check is what instructors run. Probe cells are run after the notebook's, in the same kernel.

Prints {"notebook", "seconds", "cells": [...], "probes": [{"name", "cells": [...]}]} where
each cell is {index, id, grade_id, kind, ok, ename, evalue, stdout, stderr, seconds, results}
and results holds what the cell reported with reportResult (its JSON outputs, or
NEURAL_MI_RESULT lines of its stdout). Cells keep running after
an error (as nbgrader's autograder does), so one failure does not hide the others.

scripts/run_notebook.py executes a notebook as it is; this adds what the notebook tests
need: the student version made by nbgrader's own preprocessors, probes in the same kernel,
and a report per cell.
"""

import argparse
import asyncio
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "src", "execute"))

import nbformat  # noqa: E402
from run_notebook import Runner, cli_job  # noqa: E402

# The stubs `npm run release` and nbgrader's configuration use, so the student version run
# here is the one students receive.
STUBS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "autograder", "stubs.json")
# what neural-mi's reportResult sends (or prints, on a kernel without display bundles)
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "lib", "src", "results", "protocol.json"), encoding="utf-8") as protocol_file:
    PROTOCOL = json.load(protocol_file)
RESULT_MIME = PROTOCOL["mime"]
RESULT_PREFIX = PROTOCOL["linePrefix"]


def student_version(nb):
    from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

    with open(STUBS_PATH, encoding="utf-8") as stub_file:
        stubs = json.load(stub_file)
    clear_solutions = ClearSolutions(code_stub={stubs["language"]: stubs["code"]}, text_stub=stubs["text"])
    nb, resources = clear_solutions.preprocess(nb, {})
    nb, resources = ClearHiddenTests().preprocess(nb, resources)
    return nb


def cell_report(cell, index, run):
    stdout, stderr, error, reported = [], [], None, []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            (stdout if output.get("name") == "stdout" else stderr).append(output.get("text", ""))
        elif output.get("output_type") == "error":
            error = output
        elif RESULT_MIME in output.get("data", {}):
            value = output["data"][RESULT_MIME]
            reported.append(json.loads(value) if isinstance(value, str) else value)
    # the runner records every failure (a failed reply, a timeout, a dead kernel) as an error output
    failed = error is not None or run.get("status", "ok" if not cell.get("source", "").strip() else "not-run") != "ok"
    ename = (error or {}).get("ename") or ("NotRun" if failed else None)
    evalue = (error or {}).get("evalue") or ("the cell did not run" if failed else None)
    text = "".join(stdout)
    results = reported + [
        json.loads(line[len(RESULT_PREFIX):])
        for line in text.splitlines()
        if line.startswith(RESULT_PREFIX)
    ]
    meta = cell.get("metadata", {})
    return {
        "index": index,
        "id": cell.get("id"),
        "grade_id": meta.get("nbgrader", {}).get("grade_id"),
        "kind": meta.get("neural_mi", {}).get("kind"),
        "ok": not failed,
        "ename": ename,
        "evalue": evalue,
        "stdout": text[-4000:],
        "stderr": "".join(stderr)[-4000:],
        "seconds": run.get("seconds", 0),
        "results": results,
    }


def progress(cell):
    """One line per executed cell on stderr, so long runs show where they are."""
    status = "ok" if cell["ok"] else f"{cell['ename']}: {(cell['evalue'] or '')[:120]}"
    print(f"nbrun: cell {cell['index']} {cell['seconds']:.1f} s {status}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook")
    parser.add_argument("--student", action="store_true")
    parser.add_argument("--probes")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--save", help="also write the executed notebook (with outputs) here")
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    if args.student:
        nb = student_version(nb)
    probes = json.load(open(args.probes)) if args.probes else []
    notebook_cells = len(nb.cells)
    probe_ranges = []
    for probe in probes:
        first = len(nb.cells)
        nb.cells.extend(nbformat.v4.new_code_cell(source) for source in probe["cells"])
        probe_ranges.append((probe["name"], range(first, len(nb.cells))))

    kernel = nb.metadata.get("kernelspec", {}).get("name", "tslab")
    runner = Runner(cli_job(kernel=kernel, cwd=os.path.dirname(os.path.abspath(args.notebook)), cell_timeout=args.timeout), nb)
    asyncio.run(runner.run())
    runner.enforce_caps()

    def report_of(index):
        return cell_report(nb.cells[index], index, runner.cells.get(str(index), {}))

    # why the runner stopped early (a kernel that did not start or died), for failure messages
    report = {"notebook": args.notebook, "student": args.student, "stop": runner.stop, "cells": [], "probes": []}
    for index in range(notebook_cells):
        if nb.cells[index].cell_type == "code":
            report["cells"].append(report_of(index))
            progress(report["cells"][-1])
    report["seconds"] = round(sum(cell["seconds"] for cell in report["cells"]), 2)
    for name, indices in probe_ranges:
        report["probes"].append({"name": name, "cells": [report_of(index) for index in indices]})
    if args.save:
        nbformat.write(nb, args.save)
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

"""A save of the course's JupyterLab servers, read while it happens (tests/hub/whole-saves.test.mjs).

Loads each server configuration of the course (the hub's student and instructor, the two doors), makes the
contents manager it names, and: (1) cuts a save short as a server killed mid-save would (a child process that
ends inside the save) and looks at what it left, fails a save, restores a checkpoint, uploads a file in chunks; (2) saves a notebook of some megabytes over and over while
another thread reads the file, counting the reads that do not parse; (3) saves a text file the same way.
Prints what it saw as JSON; the test judges it. Arguments: the checkout, a scratch folder.
"""
import asyncio
import base64
import fnmatch
import json
import os
import sys
import threading
import time

import nbformat
from jupyter_server.serverapp import ServerApp
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

repo, scratch = sys.argv[1], sys.argv[2]
CONFIGS = ["hub/student", "hub/instructor", "jupyter/student", "jupyter/instructor"]
SAVES = 6
# two cells of 1 MB: JSON serialisation takes long enough for a reader to meet a save in progress
CELLS = 2
CELL_BYTES = 1_000_000

# the course's nbgrader ignore list (what Submit leaves out), as the hub's servers read it
nbgrader = PyFileConfigLoader("nbgrader_config.py", path=os.path.join(repo, "autograder")).load_config()
ignore = list(nbgrader.CourseDirectory.ignore)

classes = {}
for folder in CONFIGS:
    config = PyFileConfigLoader("jupyter_server_config.py", path=os.path.join(repo, folder)).load_config()
    named = config.ServerApp.contents_manager_class if "contents_manager_class" in config.ServerApp else ServerApp.contents_manager_class.default_value
    cls = import_item(named) if isinstance(named, str) else named
    classes.setdefault(cls, []).append(folder)


def notebook(version):
    cells = [nbformat.v4.new_code_cell(f"// version {version}, cell {i}\n" + ("let x = 1;\n" * (CELL_BYTES // 11))) for i in range(CELLS)]
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "tslab", "display_name": "TypeScript", "language": "typescript"}})


def parses(data):
    try:
        return len(json.loads(data)["cells"]) == CELLS
    except ValueError:
        return False


def cut_short(cm, folder):
    """A save ended mid-write by the server's death (a child process that exits inside it): the files it leaves."""
    path = os.path.join(folder, "cut.ipynb")
    nbformat.write(notebook(0), path)
    pid = os.fork()
    if pid == 0:
        try:
            with cm.atomic_writing(path, encoding="utf-8") as file:
                file.write('{"cells": [')
                file.flush()
                os._exit(0)
        finally:
            os._exit(1)
    os.waitpid(pid, 0)
    with open(path, "rb") as file:
        whole = parses(file.read())
    left = sorted(name for name in os.listdir(folder) if name != "cut.ipynb")
    handed_in = [name for name in left if not any(fnmatch.fnmatch(name, glob) for glob in ignore)]
    return {"whole": whole, "left": left, "handedIn": handed_in}


def failed_save(cm, folder):
    """A save that fails (an error while writing): the file stays as it was, nothing is left beside it."""
    path = os.path.join(folder, "failed.ipynb")
    nbformat.write(notebook(0), path)
    before = open(path, "rb").read()
    try:
        with cm.atomic_writing(path, encoding="utf-8") as file:
            file.write('{"cells": [')
            raise RuntimeError("the disk is full")
    except RuntimeError:
        pass
    return {"same": open(path, "rb").read() == before, "left": sorted(name for name in os.listdir(folder) if name != "failed.ipynb")}


def race(cm, folder, name, models, whole):
    """Saves `models` in turn through the contents manager while another thread reads the file: the reads not `whole`."""
    path = os.path.join(folder, name)
    done = threading.Event()
    seen = {"reads": 0, "bad": 0, "sizes": set()}

    def read():
        while not done.is_set():
            with open(path, "rb") as file:
                data = file.read()
            seen["reads"] += 1
            if not whole(data):
                seen["bad"] += 1
                seen["sizes"].add(len(data))
            time.sleep(0.002)

    async def save():
        for i in range(SAVES):
            await cm.save(models[i % len(models)], name)

    asyncio.run(cm.save(models[0], name))
    os.chmod(path, 0o640)
    reader = threading.Thread(target=read)
    reader.start()
    try:
        asyncio.run(save())
    finally:
        done.set()
        reader.join()
    return {
        "reads": seen["reads"],
        "bad": seen["bad"],
        "badSizes": sorted(seen["sizes"])[:5],
        "mode": oct(os.stat(path).st_mode & 0o777),
        "left": sorted(entry for entry in os.listdir(folder) if entry != name and entry != ".ipynb_checkpoints"),
    }


def restored(cm, folder):
    """A checkpoint restored (File > Revert Notebook to Checkpoint): the notebook is the checkpoint's, its mode stays."""

    async def steps():
        await cm.save({"type": "notebook", "content": nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("kept")])}, "kept.ipynb")
        os.chmod(os.path.join(folder, "kept.ipynb"), 0o640)
        await cm.create_checkpoint("kept.ipynb")
        await cm.save({"type": "notebook", "content": nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("later")])}, "kept.ipynb")
        await cm.restore_checkpoint("checkpoint", "kept.ipynb")

    asyncio.run(steps())
    path = os.path.join(folder, "kept.ipynb")
    return {
        "source": nbformat.read(path, as_version=4).cells[0].source,
        "mode": oct(os.stat(path).st_mode & 0o777),
        "left": sorted(entry for entry in os.listdir(folder) if entry not in ("kept.ipynb", ".ipynb_checkpoints")),
    }


def uploaded(cm, folder):
    """A file uploaded in three chunks over an older one, as JupyterLab uploads a file over 1 MB (the chunks
    numbered 1, 2, then -1 for the last), and a new file so: what the file holds after each chunk."""
    parts = [b"first part;", b"second part;", b"last part."]
    old = b"the file as it was"
    with open(os.path.join(folder, "data.txt"), "wb") as file:
        file.write(old)
    os.chmod(os.path.join(folder, "data.txt"), 0o640)

    async def steps(name):
        held = []
        for number, part in zip((1, 2, -1), parts):
            model = {"type": "file", "format": "base64", "chunk": number, "content": base64.b64encode(part).decode("ascii")}
            await cm.save(model, name)
            with open(os.path.join(folder, name), "rb") as file:
                held.append(file.read().decode())
        return held

    over = asyncio.run(steps("data.txt"))
    new = asyncio.run(steps("new.txt"))
    return {
        "over": over,
        "new": new[-1],
        "mode": oct(os.stat(os.path.join(folder, "data.txt")).st_mode & 0o777),
        "left": sorted(entry for entry in os.listdir(folder) if entry not in ("data.txt", "new.txt", ".ipynb_checkpoints")),
    }


def long_name(cm, folder):
    """A notebook whose name takes 240 bytes (multi-byte characters among them), saved and uploaded in chunks over itself:
    jupyter_server saves it (its backup adds 2 bytes, its checkpoint 11); the temporary names made of it must fit a folder's 255 bytes."""
    name = "é" * 20 + "n" * (240 - 40 - len(".ipynb")) + ".ipynb"
    assert len(os.fsencode(name)) == 240
    outcome = {}
    try:
        asyncio.run(cm.save({"type": "notebook", "content": notebook(1)}, name))
        outcome["saved"] = parses(open(os.path.join(folder, name), "rb").read())
        for chunk, text in ((1, "first;"), (-1, "last.")):
            model = {"type": "file", "format": "base64", "content": base64.b64encode(text.encode()).decode(), "chunk": chunk}
            asyncio.run(cm.save(model, name))
        outcome["uploaded"] = open(os.path.join(folder, name)).read()
    except Exception as error:  # noqa: BLE001 (the report says what failed)
        outcome["error"] = f"{type(error).__name__}: {error}"
    outcome["left"] = sorted(entry for entry in os.listdir(folder) if entry not in (name, ".ipynb_checkpoints"))
    return outcome


report = {"ignore": ignore, "classes": []}
notebooks = [{"type": "notebook", "content": notebook(version)} for version in (1, 2)]
texts = [{"type": "file", "format": "text", "content": f"{version}\n" * 1_000_000} for version in (1, 2)]
for number, (cls, folders) in enumerate(classes.items()):
    place = os.path.join(scratch, str(number))
    for part in ("cut", "failed", "restored", "uploaded", "long", "notebook", "text"):
        os.makedirs(os.path.join(place, part))
    cm = cls(root_dir=os.path.join(place, "notebook"))
    text_cm = cls(root_dir=os.path.join(place, "text"))
    report["classes"].append(
        {
            "class": f"{cls.__module__}.{cls.__name__}",
            "configs": folders,
            "cutShort": cut_short(cm, os.path.join(place, "cut")),
            "failed": failed_save(cm, os.path.join(place, "failed")),
            "restored": restored(cls(root_dir=os.path.join(place, "restored")), os.path.join(place, "restored")),
            "uploaded": uploaded(cls(root_dir=os.path.join(place, "uploaded")), os.path.join(place, "uploaded")),
            "longName": long_name(cls(root_dir=os.path.join(place, "long")), os.path.join(place, "long")),
            "notebook": race(cm, os.path.join(place, "notebook"), "big.ipynb", notebooks, parses),
            "text": race(text_cm, os.path.join(place, "text"), "notes.txt", texts, lambda data: data in (b"1\n" * 1_000_000, b"2\n" * 1_000_000)),
        }
    )
print(json.dumps(report))
